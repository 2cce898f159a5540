import semver from "semver";

/**
 * CodePush's app-version normalisation (codepush.md §1.3): `7` → `7.0.0`, `2.0` → `2.0.0`,
 * `2.0-beta` → `2.0.0-beta`, `1.0+meta` → `1.0.0+meta`. Returns null when the result is not semver.
 */
export function normalizeAppVersion(version: string): string | null {
  let normalized = version;
  if (/^\d+$/.test(version)) normalized = `${version}.0.0`;
  else {
    const match = /^(\d+\.\d+)([-+].*)?$/.exec(version);
    if (match) normalized = `${match[1]}.0${match[2] ?? ""}`;
  }
  return semver.valid(normalized) === null ? null : normalized;
}
