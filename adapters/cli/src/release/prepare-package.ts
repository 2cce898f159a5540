import { mkdtemp, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { basename, join, resolve } from "node:path";
import { CliError, messageOf } from "../errors.js";
import { listPackageFiles, writeZip } from "../zip/zip-directory.js";

/** A file ready to upload, and how to clean up after it. */
export interface PreparedPackage {
  readonly path: string;
  readonly name: string;
  readonly size: number;
  /** `true` when we zipped a directory ourselves. */
  readonly zipped: boolean;
  readonly fileCount: number | undefined;
  dispose(): Promise<void>;
}

/**
 * A directory is zipped into a fresh temp folder (unique per run, so concurrent releases never share a
 * file); a `.zip` or any other single file is uploaded as it is (a bare bundle becomes a non-zip
 * release, hashed whole by the server).
 */
export async function preparePackage(input: string): Promise<PreparedPackage> {
  const path = resolve(input);
  const info = await stat(path).catch((error: unknown) => {
    throw new CliError(`cannot read ${input}: ${messageOf(error)}`, { cause: error });
  });

  if (!info.isDirectory()) {
    if (info.size === 0) throw new CliError(`${input} is empty; nothing to release`);
    return { path, name: basename(path), size: info.size, zipped: false, fileCount: undefined, dispose: async () => {} };
  }

  const files = await listPackageFiles(path);
  if (files.length === 0) throw new CliError(`${input} contains no files; nothing to release`);
  const tempDir = await mkdtemp(join(tmpdir(), "hotpatch-release-"));
  const dispose = () => rm(tempDir, { recursive: true, force: true });
  try {
    const zipPath = join(tempDir, `${basename(path) || "package"}.zip`);
    await writeZip(files, zipPath);
    const { size } = await stat(zipPath);
    return { path: zipPath, name: basename(zipPath), size, zipped: true, fileCount: files.length, dispose };
  } catch (error) {
    await dispose();
    throw error;
  }
}
