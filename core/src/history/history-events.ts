import type { BlobRef, BundlePatch, Release, ReleaseOptions } from "../domain/release.js";

/** Records of a deployment's append-only history log. */
export type HistoryEvent =
  | { type: "release"; release: Release }
  | { type: "patch"; label: string; changes: ReleaseOptions }
  | { type: "diff"; label: string; fromHash: string; diff: BlobRef }
  | { type: "bundlePatch"; label: string; fromHash: string; bundlePatch: BundlePatch }
  | { type: "clear" };

export interface HistoryState {
  /** Oldest first. */
  releases: Release[];
  /** Highest label number ever used; labels keep counting after a clear. */
  lastLabel: number;
}
