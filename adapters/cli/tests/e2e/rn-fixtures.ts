import { cp, mkdir, mkdtemp, readdir, readFile } from "node:fs/promises";
import { existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { computePackageHash } from "@hotpatch/core";
import { manifestOf } from "@hotpatch/core/testing";

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "../../../..");

/** The real Metro bundles (`shared/fixtures/rn-bundles`, beside the checkout). */
export function rnBundlesDir(): string {
  const dir = process.env.HOTPATCH_RN_BUNDLES ?? resolve(repoRoot, "../shared/fixtures/rn-bundles");
  if (!existsSync(join(dir, "v1"))) {
    throw new Error(`the React Native fixtures are missing at ${dir}; set HOTPATCH_RN_BUNDLES to their folder`);
  }
  return dir;
}

export type Platform = "android" | "ios";

/**
 * Lays out one fixture version as `react-native bundle` + `release-react` would: a folder literally
 * named `CodePush` holding the bundle and the asset tree (Android `drawable-*`, iOS `assets/…`,
 * including iOS's `assets/node_modules/…`). Returns the `CodePush` folder.
 */
export async function codePushFolder(version: string, platform: Platform): Promise<string> {
  const source = join(rnBundlesDir(), version, platform);
  const target = join(await mkdtemp(join(tmpdir(), `hotpatch-${version}-${platform}-`)), "CodePush");
  await mkdir(target, { recursive: true });
  if (platform === "android") {
    await cp(join(source, "index.android.bundle"), join(target, "index.android.bundle"));
    await cp(join(source, "res"), target, { recursive: true });
  } else {
    await cp(join(source, "main.jsbundle"), join(target, "main.jsbundle"));
    await cp(join(source, "assets"), join(target, "assets"), { recursive: true });
  }
  return target;
}

/** Every file below `folder`, keyed by its path relative to the folder's parent (`CodePush/...`). */
export async function filesOf(folder: string): Promise<Map<string, Buffer>> {
  const files = new Map<string, Buffer>();
  const entries = await readdir(folder, { recursive: true, withFileTypes: true });
  for (const entry of entries) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    files.set(relative(dirname(folder), path).split("\\").join("/"), await readFile(path));
  }
  return files;
}

/** The package hash a device computes over the folder (codepush.md §2.2). */
export async function folderHash(folder: string): Promise<string> {
  return computePackageHash(manifestOf(await filesOf(folder)));
}
