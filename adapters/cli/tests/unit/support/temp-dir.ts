import { chmod, cp, mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";

export async function makeTempDir(prefix: string): Promise<string> {
  return mkdtemp(join(tmpdir(), `hotpatch-cli-test-${prefix}-`));
}

export async function removeDir(dir: string): Promise<void> {
  await rm(dir, { recursive: true, force: true });
}

/**
 * Copies a fixture tree; the shared fixtures are read-only and `cp` keeps modes, so the copy is made
 * writable again or it could not be changed or cleaned up by a non-root user.
 */
export async function copyFixture(source: string, destination: string): Promise<void> {
  await cp(source, destination, { recursive: true });
  await makeWritable(destination);
}

async function makeWritable(dir: string): Promise<void> {
  await chmod(dir, 0o755);
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) await makeWritable(path);
    else await chmod(path, 0o644);
  }
}
