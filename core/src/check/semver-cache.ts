import semver from "semver";

/**
 * Parsed ranges, memoised: parsing a range costs far more than testing a version against it, and the
 * update check tests the same few ranges on every request. Bounded so that odd inputs cannot grow it.
 */
const ranges = new Map<string, semver.Range | null>();
const MAX_RANGES = 10_000;

/** null for a range node-semver cannot parse (stored ranges are validated; this is belt and braces). */
function parsedRange(range: string): semver.Range | null {
  let parsed = ranges.get(range);
  if (parsed === undefined) {
    try {
      parsed = new semver.Range(range);
    } catch {
      parsed = null;
    }
    if (ranges.size >= MAX_RANGES) ranges.clear();
    ranges.set(range, parsed);
  }
  return parsed;
}

/** A version parsed once per request (callers pass the result to the tests below). */
export function parseVersion(version: string): semver.SemVer {
  return new semver.SemVer(version);
}

/** `semver.satisfies(version, range)` with the range parsed once. */
export function satisfies(version: semver.SemVer, range: string): boolean {
  return parsedRange(range)?.test(version) ?? false;
}

/** `semver.gtr(version, range)` with the range parsed once. */
export function greaterThanRange(version: semver.SemVer, range: string): boolean {
  const parsed = parsedRange(range);
  return parsed !== null && semver.outside(version, parsed, ">");
}
