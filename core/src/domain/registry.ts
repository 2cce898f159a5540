/** Apps, deployments and access keys: the small mutable metadata of one hotpatch server. */
export interface App {
  id: string;
  name: string;
  createdTime: number;
}

export interface Deployment {
  id: string;
  appId: string;
  name: string;
  /** The deployment key devices send; globally unique. */
  key: string;
  createdTime: number;
}

export interface AccessKey {
  id: string;
  friendlyName: string;
  /** SHA-256 hex of the secret; the secret itself is never stored. */
  secretHash: string;
  createdBy: string;
  createdTime: number;
  /** Milliseconds since the epoch. */
  expires: number;
  isSession?: boolean;
}

export type BinaryPlatform = "ios" | "android";

/**
 * The JS bundle and assets shipped inside a store build. Devices still running it can get a diff
 * against it instead of the full package (iOS CodePush clients send its package hash).
 */
export interface Binary {
  id: string;
  appId: string;
  platform: BinaryPlatform;
  /** The store build's exact version (e.g. 1.4.0). */
  appVersion: string;
  /** Package hash over `CodePush/<bundle>` + `CodePush/assets/**`, as the device computes it. */
  packageHash: string;
  blobKey: string;
  manifestKey: string;
  createdTime: number;
}
