import { isUnfinishedRollout, type BlobRef, type Release } from "../domain/release.js";
import { isSelectedForRollout } from "./rollout.js";
import { greaterThanRange, parseVersion, satisfies } from "./semver-cache.js";

/** A device's question, already validated; `appVersion` is normalised, `originalAppVersion` as sent. */
export interface UpdateQuery {
  appVersion: string;
  originalAppVersion: string;
  packageHash?: string;
  label?: string;
  isCompanion: boolean;
  /** Absent or empty ids share the bucket of the literal `undefined`, as CodePush does. */
  clientUniqueId: string;
}

export type UpdateDecision =
  | {
      isAvailable: true;
      release: Release;
      /** The blob the device downloads: a diff when one exists for its package hash, else the full package. */
      download: BlobRef;
      isMandatory: boolean;
      appVersion: string;
    }
  | {
      isAvailable: false;
      appVersion: string;
      updateAppVersion: boolean;
      shouldRunBinaryVersion: boolean;
    };

/**
 * CodePush update selection (codepush.md §1.4–§1.5) over a history ordered oldest first: the
 * newest satisfying enabled release wins; mandatory-ness of skipped releases carries over; an
 * unfinished rollout is served only to the devices its bucket selects.
 */
export function selectUpdate(history: readonly Release[], query: UpdateQuery): UpdateDecision {
  const full = pick(history, query, false);
  if (full.isAvailable && isUnfinishedRollout(full.release.rollout)) {
    const tag = full.release.label || full.release.packageHash;
    const selected = isSelectedForRollout(query.clientUniqueId, full.release.rollout as number, tag);
    return restoreOriginalVersion(selected ? full : pick(history, query, true), query);
  }
  return restoreOriginalVersion(full, query);
}

function pick(history: readonly Release[], query: UpdateQuery, skipUnfinishedRollouts: boolean): UpdateDecision {
  if (history.length === 0) {
    return { isAvailable: false, appVersion: "", updateAppVersion: false, shouldRunBinaryVersion: true };
  }
  const { label, packageHash: hash } = query;
  const version = parseVersion(query.appVersion);
  let found = false;
  let latestEnabled: Release | undefined;
  let latestSatisfying: Release | undefined;
  let forceMandatory = false;

  for (let i = history.length - 1; i >= 0; i--) {
    const release = history[i] as Release;
    // Positioning happens before the disabled check: a disabled release still marks where the client is.
    if (!found) found = label ? release.label === label : hash ? release.packageHash === hash : false;
    if (release.isDisabled || (skipUnfinishedRollouts && isUnfinishedRollout(release.rollout))) continue;
    latestEnabled ??= release;
    if (!query.isCompanion && !satisfies(version, release.appVersion)) continue;
    latestSatisfying ??= release;
    if (found) break;
    if (release.isMandatory) {
      forceMandatory = true;
      break;
    }
  }

  const shouldRunBinaryVersion = latestSatisfying === undefined;
  if (!latestEnabled) return { isAvailable: false, appVersion: "", updateAppVersion: false, shouldRunBinaryVersion };

  if (!latestSatisfying || latestSatisfying.packageHash === hash) {
    if (greaterThanRange(version, latestEnabled.appVersion)) {
      return { isAvailable: false, appVersion: latestEnabled.appVersion, updateAppVersion: false, shouldRunBinaryVersion };
    }
    if (!satisfies(version, latestEnabled.appVersion)) {
      return { isAvailable: false, appVersion: latestEnabled.appVersion, updateAppVersion: true, shouldRunBinaryVersion };
    }
    return { isAvailable: false, appVersion: "", updateAppVersion: false, shouldRunBinaryVersion };
  }

  const map = latestSatisfying.diffPackageMap;
  // hasOwn: the hash comes from the device and must not reach Object.prototype ("__proto__").
  const diff = hash && map && Object.hasOwn(map, hash) ? map[hash] : undefined;
  return {
    isAvailable: true,
    release: latestSatisfying,
    download: diff ?? { blobKey: latestSatisfying.blobKey, size: latestSatisfying.size },
    isMandatory: forceMandatory || latestSatisfying.isMandatory,
    appVersion: query.appVersion,
  };
}

/** Devices compare the returned app version with their binary's by string equality: echo theirs. */
function restoreOriginalVersion(decision: UpdateDecision, query: UpdateQuery): UpdateDecision {
  return decision.appVersion === query.appVersion ? { ...decision, appVersion: query.originalAppVersion } : decision;
}
