import semver from "semver";
import type { Release } from "../domain/release.js";

/**
 * Whether a device on `older` may receive a diff to `newer` (codepush.md §2.3): a release for an exact
 * version diffs against older releases whose range contains it; a release for a range diffs against
 * older exact versions inside it and older releases with the same range.
 */
export function targetsMatch(newer: string, older: string): boolean {
  if (semver.valid(newer)) return semver.satisfies(newer, older || "*");
  if (semver.valid(older)) return semver.satisfies(older, newer || "*");
  return (semver.validRange(older) ?? older) === (semver.validRange(newer) ?? newer);
}

/**
 * The releases a new release should carry diffs from: walking back from it, up to `max` older releases
 * with a matching target, a different package hash and a manifest (zips only), one per hash.
 */
export function diffBases(history: readonly Release[], label: string, max: number): Release[] {
  const index = history.findLastIndex((r) => r.label === label);
  const release = history[index];
  if (!release?.manifestKey) return [];
  const bases: Release[] = [];
  const seen = new Set<string>([release.packageHash]);
  for (let i = index - 1; i >= 0 && bases.length < max; i--) {
    const older = history[i] as Release;
    if (!older.manifestKey || seen.has(older.packageHash) || !targetsMatch(release.appVersion, older.appVersion)) continue;
    seen.add(older.packageHash);
    bases.push(older);
  }
  return bases;
}
