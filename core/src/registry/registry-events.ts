import type { AccessKey, App, Binary, Deployment } from "../domain/registry.js";

/** Records of the server-wide registry log (apps, deployments, access keys). */
export type RegistryEvent =
  | { type: "appCreated"; app: App; deployments: Deployment[] }
  | { type: "appRenamed"; appId: string; name: string }
  | { type: "appDeleted"; appId: string }
  | { type: "deploymentCreated"; deployment: Deployment }
  | { type: "deploymentRenamed"; deploymentId: string; name: string }
  | { type: "deploymentDeleted"; deploymentId: string }
  | { type: "accessKeyCreated"; accessKey: AccessKey }
  | { type: "accessKeyUpdated"; id: string; friendlyName?: string; expires?: number }
  | { type: "accessKeyDeleted"; id: string }
  | { type: "binaryAdded"; binary: Binary }
  | { type: "binaryRemoved"; id: string };

export interface RegistryState {
  apps: App[];
  deployments: Deployment[];
  accessKeys: AccessKey[];
  /** Absent in snapshots written before binaries existed. */
  binaries?: Binary[];
}
