import type { UpdateCheckResult } from "../check/check-update.js";
import type { LabelMetrics } from "../report/metrics-store.js";

/** What the acceptance suite sees of a release, whatever the transport. */
export interface ReleaseSummary {
  label: string;
  packageHash: string;
  appVersion: string;
  isMandatory: boolean;
  isDisabled: boolean;
  rollout: number | null;
  releaseMethod: string;
  originalLabel?: string;
  size: number;
}

export interface ReleaseRequest {
  bytes: Uint8Array;
  fileName: string;
  appVersion: string;
  description?: string;
  isMandatory?: boolean;
  isDisabled?: boolean;
  rollout?: number;
}

/** A failure as a transport reports it: an HTTP-like status plus the error text. */
export class DriverError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = "DriverError";
  }
}

/**
 * One way of speaking to hotpatch: the use cases in-process, the HTTP app, the Function Compute or
 * Lambda handlers. Management calls and device calls go through the same transport as in production;
 * failures throw `DriverError` with the status the transport would answer.
 */
export interface AcceptanceDriver {
  createApp(name: string): Promise<{ deploymentKeys: Record<string, string> }>;
  release(app: string, deployment: string, request: ReleaseRequest): Promise<ReleaseSummary>;
  /** Ingests a package through the drop zone (`src/<app>/<deployment>/<file>` + metadata), if supported. */
  drop?(app: string, deployment: string, request: ReleaseRequest, options?: { deliverTwice?: boolean }): Promise<void>;
  promote(app: string, source: string, destination: string, options?: { label?: string; rollout?: number; isMandatory?: boolean }): Promise<ReleaseSummary>;
  rollback(app: string, deployment: string, label?: string): Promise<ReleaseSummary>;
  patch(app: string, deployment: string, label: string | undefined, changes: { rollout?: number; isDisabled?: boolean; isMandatory?: boolean; description?: string }): Promise<ReleaseSummary | null>;
  history(app: string, deployment: string): Promise<ReleaseSummary[]>;
  metrics(app: string, deployment: string): Promise<Record<string, LabelMetrics>>;
  /** A device's update check, with CodePush query parameters (v0.1 snake_case names). */
  check(query: Record<string, string>): Promise<UpdateCheckResult>;
  download(url: string): Promise<Uint8Array>;
  reportDeploy(body: Record<string, string>): Promise<void>;
  reportDownload(body: Record<string, string>): Promise<void>;
}
