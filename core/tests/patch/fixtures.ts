import { existsSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "../../..");

/** The real Metro bundles (`shared/fixtures/rn-bundles` beside the checkout, or `HOTPATCH_RN_BUNDLES`). */
export function rnBundlesDir(): string {
  const dir = process.env.HOTPATCH_RN_BUNDLES ?? resolve(repoRoot, "../shared/fixtures/rn-bundles");
  if (!existsSync(join(dir, "v1"))) {
    throw new Error(`the React Native fixtures are missing at ${dir}; set HOTPATCH_RN_BUNDLES to their folder`);
  }
  return dir;
}

/** The bundle files a binary patch is made for: Metro JS (Android, iOS) and Hermes bytecode. */
export const BUNDLE_FILES = ["android/index.android.bundle", "ios/main.jsbundle", "android/index.android.bundle.hbc"] as const;
export type BundleFile = (typeof BUNDLE_FILES)[number];

export const PAIRS = [
  ["v1", "v2"],
  ["v1", "v3"],
  ["v1", "v4"],
  ["v2", "v3"],
  ["v3", "v4"],
] as const;

const cache = new Map<string, Uint8Array>();

export function bundle(version: string, file: BundleFile): Uint8Array {
  const path = join(rnBundlesDir(), version, file);
  let bytes = cache.get(path);
  if (!bytes) {
    bytes = new Uint8Array(readFileSync(path));
    cache.set(path, bytes);
  }
  return bytes;
}
