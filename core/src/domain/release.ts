/** Where a package's bytes live in the object store. */
export interface BlobRef {
  blobKey: string;
  size: number;
}

/** A binary patch of a package's bundle file, and the diff package of everything else. */
export interface BundlePatch {
  /** The patch (docs/patches.md format): turns the base's bundle into this release's. */
  patch: BlobRef;
  /** Path of the bundle inside the package, e.g. `CodePush/index.android.bundle`. */
  bundlePath: string;
  /** SHA-256 of the base's and of this release's bundle. */
  fromHash: string;
  toHash: string;
  /** A CodePush diff package of the other changed files (absent when only the bundle changed). */
  others?: BlobRef;
}

/** One entry of a deployment's history (CodePush "package"). */
export interface Release {
  /** `v<N>`; dense and ever-increasing within a deployment, never reused (not even after a clear). */
  label: string;
  /** Target binary range (node-semver range; `""` means any). */
  appVersion: string;
  /** CodePush package hash (manifest hash for zips, SHA-256 of the bytes for single files). */
  packageHash: string;
  /** Full package blob. */
  blobKey: string;
  size: number;
  /** Stored `{path: sha256}` manifest; absent for single-file releases. */
  manifestKey?: string;
  description: string;
  isMandatory: boolean;
  isDisabled: boolean;
  /** 1–99 while a rollout is unfinished; null means complete (100 %). */
  rollout: number | null;
  releaseMethod: ReleaseMethod;
  /** Milliseconds since the epoch. */
  uploadTime: number;
  originalLabel?: string;
  originalDeployment?: string;
  releasedBy?: string;
  /** Diff packages keyed by the package hash they apply to. */
  diffPackageMap?: Record<string, BlobRef>;
  /**
   * For hotpatch's own client: a binary patch of the JS / Hermes bundle plus a diff package of the other
   * files, keyed by the package hash they apply to.
   */
  bundlePatchMap?: Record<string, BundlePatch>;
  /** The drop-zone object this release was ingested from, for idempotent re-delivery. */
  source?: { key: string; etag: string };
}

export type ReleaseMethod = "Upload" | "Promote" | "Rollback";

/** Editable release fields (CodePush `packageInfo` whitelist). */
export interface ReleaseOptions {
  appVersion?: string;
  description?: string;
  isMandatory?: boolean;
  isDisabled?: boolean;
  rollout?: number | null;
}

export function isUnfinishedRollout(rollout: number | null | undefined): boolean {
  return typeof rollout === "number" && rollout > 0 && rollout < 100;
}

export function labelNumber(label: string): number {
  const match = /^v([1-9][0-9]*)$/.exec(label);
  return match ? Number(match[1]) : 0;
}
