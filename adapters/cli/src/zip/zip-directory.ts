import { createWriteStream } from "node:fs";
import { readdir, realpath, stat } from "node:fs/promises";
import { basename, join } from "node:path";
import { pipeline } from "node:stream/promises";
import { ZipFile } from "yazl";

/** One file of the package: where it is on disk and its entry name in the zip. */
export interface PackageFile {
  readonly absolutePath: string;
  readonly entryName: string;
}

/**
 * Lists the files of a release directory the way the CodePush CLI names them: relative to the
 * directory's *parent* (a folder `CodePush` gives `CodePush/main.jsbundle`), forward slashes, files
 * only, sorted in JS string order so the zip is the same on every machine.
 *
 * Dot-files and folders named `node_modules` are kept: React Native puts assets of libraries under
 * `assets/node_modules/…`. Only macOS litter is left out, which clients never hash either (§2.2).
 */
export async function listPackageFiles(directory: string): Promise<PackageFile[]> {
  const files: PackageFile[] = [];

  // Following symlinked folders is what the CodePush CLI does. Only a folder that is its own ancestor
  // is a cycle; a folder reachable twice (a link beside the real one) is zipped under both names.
  async function walk(dir: string, prefix: string, ancestors: ReadonlySet<string>): Promise<void> {
    const real = await realpath(dir);
    if (ancestors.has(real)) return;
    const above = new Set(ancestors).add(real);
    for (const entry of await readdir(dir, { withFileTypes: true })) {
      if (isMacLitter(entry.name)) continue;
      const absolutePath = join(dir, entry.name);
      const entryName = `${prefix}/${entry.name}`;
      const isDirectory = entry.isSymbolicLink() ? (await stat(absolutePath)).isDirectory() : entry.isDirectory();
      if (isDirectory) await walk(absolutePath, entryName, above);
      else files.push({ absolutePath, entryName });
    }
  }

  await walk(directory, basename(directory), new Set());
  return files.sort((a, b) => (a.entryName < b.entryName ? -1 : a.entryName > b.entryName ? 1 : 0));
}

function isMacLitter(name: string): boolean {
  return name === ".DS_Store" || name === "__MACOSX";
}

/** Zips `files` into `zipPath` (deflated, file entries only). */
export async function writeZip(files: readonly PackageFile[], zipPath: string): Promise<void> {
  const zip = new ZipFile();
  for (const file of files) zip.addFile(file.absolutePath, file.entryName);
  zip.end();
  await pipeline(zip.outputStream, createWriteStream(zipPath));
}

/** Zips a release directory the way the CodePush CLI does; returns the files it put in. */
export async function zipDirectory(directory: string, zipPath: string): Promise<PackageFile[]> {
  const files = await listPackageFiles(directory);
  await writeZip(files, zipPath);
  return files;
}
