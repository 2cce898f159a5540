import semver from "semver";
import { isUnfinishedRollout, type Release } from "../domain/release.js";
import { ReleaseConflictError } from "../errors.js";

/** CodePush refuses any new release while the newest one is an active rollout (codepush.md §1.5). */
export function assertNoActiveRollout(releases: readonly Release[], deploymentName: string): void {
  const newest = releases.at(-1);
  if (newest && isUnfinishedRollout(newest.rollout) && !newest.isDisabled) {
    throw new ReleaseConflictError(
      `release ${newest.label} in "${deploymentName}" is still rolling out to ${newest.rollout}% of devices; ` +
        `finish it (patch --rollout 100) or disable it before releasing again`,
    );
  }
}

/**
 * The hash of the release a new one for `appVersion` would replace (codepush.md §3.4): for a range,
 * the newest release if it targets the same range; for an exact version, the newest release whose
 * range contains it.
 */
export function lastHashWithSameAppVersion(releases: readonly Release[], appVersion: string): string | undefined {
  if (releases.length === 0) return undefined;
  if (semver.valid(appVersion)) {
    for (let i = releases.length - 1; i >= 0; i--) {
      const release = releases[i] as Release;
      if (semver.satisfies(appVersion, release.appVersion)) return release.packageHash;
    }
    return undefined;
  }
  const newest = releases.at(-1) as Release;
  return semver.validRange(newest.appVersion) === semver.validRange(appVersion) ? newest.packageHash : undefined;
}

export function assertNotIdentical(releases: readonly Release[], appVersion: string, packageHash: string): void {
  if (lastHashWithSameAppVersion(releases, appVersion) === packageHash) {
    throw new ReleaseConflictError(
      "the package is identical to the current release for this app version; change the content or the target range",
    );
  }
}

export function nextLabel(lastLabel: number): string {
  return `v${lastLabel + 1}`;
}
