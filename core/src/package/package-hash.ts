import { createHash } from "node:crypto";

/** `{ "<relative/path>": "<sha256 hex>" }` for every file of a package (directories excluded). */
export type PackageManifest = Record<string, string>;

export const SIGNATURE_FILE = ".codepushrelease";

/** Files clients never hash: macOS archive litter (codepush.md §2.2). */
export function isIgnoredPath(path: string): boolean {
  return path.startsWith("__MACOSX/") || path === ".DS_Store" || path.endsWith("/.DS_Store");
}

function isSignature(path: string): boolean {
  return path === SIGNATURE_FILE || path.endsWith(`/${SIGNATURE_FILE}`);
}

/**
 * CodePush's package hash: SHA-256 of the JSON array of `"path:sha256"` strings, sorted in JS string
 * order, with the signature file left out (it signs this very hash).
 */
export function computePackageHash(manifest: PackageManifest): string {
  const entries = Object.entries(manifest)
    .filter(([path]) => !isSignature(path) && !isIgnoredPath(path))
    .map(([path, hash]) => `${path}:${hash}`)
    .sort();
  return sha256Hex(JSON.stringify(entries));
}

export function sha256Hex(data: Uint8Array | string): string {
  return createHash("sha256").update(data).digest("hex");
}
