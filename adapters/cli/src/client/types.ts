/** Shapes of the management API's JSON bodies (codepush.md §3.3, §3.8). */

export interface ReleasedPackage {
  appVersion: string;
  blobUrl: string;
  description: string | null;
  isDisabled: boolean;
  isMandatory: boolean;
  label: string;
  packageHash: string;
  releaseMethod?: "Upload" | "Promote" | "Rollback";
  /** `null`/absent means complete (100). */
  rollout: number | null;
  size: number;
  uploadTime: number;
  originalLabel?: string;
  originalDeployment?: string;
}

export interface App {
  name: string;
  collaborators: Record<string, { isCurrentAccount?: boolean; permission: string }>;
  deployments: string[];
}

export interface Deployment {
  name: string;
  key: string;
  package?: ReleasedPackage | null;
}

export interface AccessKey {
  /** The secret, only present in the answer to a create. */
  name?: string;
  friendlyName: string;
  description?: string;
  createdBy?: string;
  createdTime: number;
  expires: number;
  isSession?: boolean;
}

/** Per label (`v3`) or per binary app version (`1.0.0`, which only carries `active`). */
export interface LabelMetrics {
  active: number;
  downloaded?: number;
  failed?: number;
  installed?: number;
}

export type DeploymentMetrics = Record<string, LabelMetrics>;

/** `packageInfo` of a release upload (codepush.md §3.4). */
export interface ReleaseInfo {
  appVersion: string;
  description: string | null;
  isMandatory: boolean;
  isDisabled: boolean;
  rollout: number;
}

/** `packageInfo` of a patch or promote: every field optional; absent means "leave as is". */
export interface PackageInfoUpdate {
  label?: string | null;
  appVersion?: string;
  description?: string;
  isMandatory?: boolean;
  isDisabled?: boolean;
  rollout?: number;
}

/** A registered store binary (`GET /apps/:app/binaries`). */
export interface BinaryInfo {
  platform: string;
  appVersion: string;
  packageHash: string;
  createdTime: number;
}
