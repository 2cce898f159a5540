import { computePackageHash, sha256Hex, type PackageManifest } from "../package/package-hash.js";
import { readZipEntries, writeZip } from "./zip-entries.js";

export const DIFF_MANIFEST_FILE = "hotcodepush.json";

export interface DiffPlan {
  /** Entries of the new package that are new or changed relative to the base. */
  changed: string[];
  /** Paths of the base that the new package no longer has. */
  deleted: string[];
}

/** What a device must add and remove to turn `base` into `target` (codepush.md §2.3). */
export function planDiff(base: PackageManifest, target: PackageManifest, exclude?: string): DiffPlan {
  const changed = Object.keys(target).filter((path) => path !== exclude && base[path] !== target[path]).sort();
  const deleted = Object.keys(base).filter((path) => path !== exclude && !Object.hasOwn(target, path)).sort();
  return { changed, deleted };
}

/**
 * Builds a CodePush diff package: the new or changed files copied from the target zip plus
 * `hotcodepush.json` listing `deletedFiles`. Returns null when nothing differs. The signature file
 * `.codepushrelease` is part of the manifest, so a re-signed release ships its new signature.
 * `exclude` leaves one path out entirely (the bundle, when it travels as a binary patch instead).
 */
export async function buildDiffPackage(base: PackageManifest, target: PackageManifest, targetZip: Uint8Array, exclude?: string): Promise<Buffer | null> {
  const plan = planDiff(base, target, exclude);
  if (plan.changed.length === 0 && plan.deleted.length === 0) return null;
  const files = await readZipEntries(targetZip, new Set(plan.changed));
  const entries = plan.changed.map((name) => {
    const data = files.get(name);
    if (!data) throw new Error(`entry ${name} is in the manifest but not in the package`);
    return { name, data };
  });
  entries.unshift({ name: DIFF_MANIFEST_FILE, data: Buffer.from(JSON.stringify({ deletedFiles: plan.deleted })) });
  return writeZip(entries);
}

/**
 * Replays what a device does with a diff — copy the base, delete `deletedFiles`, overlay the diff's
 * files — on manifests, and checks that the result hashes to the target's package hash. A diff is only
 * offered after this check passes (CodePush attached diffs it had never verified).
 */
export async function verifyDiffPackage(
  base: PackageManifest,
  diffZip: Uint8Array,
  expectedPackageHash: string,
  /** Files the device gets by other means (a patched bundle): path → SHA-256. */
  alongside: PackageManifest = {},
): Promise<boolean> {
  const files = await readZipEntries(diffZip);
  const result: PackageManifest = { ...base, ...alongside };
  const meta = files.get(DIFF_MANIFEST_FILE);
  if (!meta) return false;
  const { deletedFiles } = JSON.parse(meta.toString("utf8")) as { deletedFiles: string[] };
  for (const path of deletedFiles) delete result[path];
  for (const [name, data] of files) if (name !== DIFF_MANIFEST_FILE) result[name] = sha256Hex(data);
  return computePackageHash(result) === expectedPackageHash;
}
