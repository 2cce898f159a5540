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
