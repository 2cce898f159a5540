import semver from "semver";
import { isWellFormedKey } from "../domain/validation.js";
import { InvalidRequestError, NotFoundError } from "../errors.js";
import type { Logger } from "../ports/logger.port.js";
import type { Registry } from "../registry/registry.js";
import type { MetricsStore } from "./metrics-store.js";

export interface RawDeployReport {
  deploymentKey?: unknown;
  appVersion?: unknown;
  clientUniqueId?: unknown;
  label?: unknown;
  status?: unknown;
  previousLabelOrAppVersion?: unknown;
  previousDeploymentKey?: unknown;
  /** `X-CodePush-SDK-Version`, which selects CodePush's metrics path. */
  sdkVersion?: string | null;
}

export interface RawDownloadReport {
  deploymentKey?: unknown;
  label?: unknown;
  clientUniqueId?: unknown;
}

const STATUSES = new Set(["DeploymentSucceeded", "DeploymentFailed", "Downloaded"]);

/** Use case **report**: device deploy / download reports become counters and analytics log events. */
export class ReportStatus {
  constructor(
    private readonly registry: Registry,
    private readonly metrics: MetricsStore,
    private readonly logger: Logger,
    private readonly cacheMaxAgeMs: number,
  ) {}

  async deploy(report: RawDeployReport): Promise<void> {
    const key = this.requireKey(report.deploymentKey);
    const appVersion = optionalString(report.appVersion, "appVersion");
    if (!appVersion) throw new InvalidRequestError("app version is required (app_version or appVersion)", "appVersion");
    const label = optionalLabel(report.label);
    const status = optionalString(report.status, "status");
    if (label && (!status || !STATUSES.has(status))) {
      throw new InvalidRequestError("status must be DeploymentSucceeded, DeploymentFailed or Downloaded when a label is sent", "status");
    }
    const previous = optionalString(report.previousLabelOrAppVersion, "previousLabelOrAppVersion");
    const previousKey = optionalString(report.previousDeploymentKey, "previousDeploymentKey") || key;
    const clientUniqueId = optionalString(report.clientUniqueId, "clientUniqueId");
    // CodePush's legacy path (no semver SDK version ≥ 1.5.2-beta, e.g. "^3.1.0") needs the client id.
    const modernSdk = !!report.sdkVersion && semver.valid(report.sdkVersion) !== null && semver.gte(report.sdkVersion, "1.5.2-beta");
    if (!modernSdk && !clientUniqueId) {
      throw new InvalidRequestError("client unique id is required (clientUniqueId or client_unique_id) for this SDK version", "clientUniqueId");
    }
    const { app, deployment } = await this.resolve(key);

    // Older SDKs get the same counting as new ones, minus the per-client bookkeeping CodePush kept in Redis.
    if (label && status === "DeploymentFailed") {
      this.metrics.increment(deployment.id, `${label}:DeploymentFailed`);
    } else {
      const current = label || appVersion;
      this.metrics.increment(deployment.id, `${current}:Active`);
      this.metrics.increment(deployment.id, `${current}:DeploymentSucceeded`);
      if (previous) {
        const previousDeployment = previousKey === key ? deployment : (await this.registry.deploymentByKey(previousKey, this.cacheMaxAgeMs))?.deployment;
        if (previousDeployment) this.metrics.increment(previousDeployment.id, `${previous}:Active`, -1);
      }
    }
    this.logger.info("device report", {
      event: "deploy_report",
      app: app.name,
      deployment: deployment.name,
      label: label || null,
      appVersion,
      status: status || "BinaryInstalled",
      previous: previous || null,
      sdkVersion: report.sdkVersion && semver.valid(report.sdkVersion) ? report.sdkVersion : null,
    });
  }

  async download(report: RawDownloadReport): Promise<void> {
    const key = this.requireKey(report.deploymentKey);
    const label = optionalLabel(report.label);
    if (!label) throw new InvalidRequestError("label is required", "label");
    const { app, deployment } = await this.resolve(key);
    this.metrics.increment(deployment.id, `${label}:Downloaded`);
    this.logger.info("device report", { event: "download_report", app: app.name, deployment: deployment.name, label, status: "Downloaded" });
  }

  private requireKey(raw: unknown): string {
    const key = optionalString(raw, "deploymentKey").trim();
    if (!key) throw new InvalidRequestError("deployment key is required (deployment_key or deploymentKey)", "deploymentKey");
    if (!isWellFormedKey(key)) throw new InvalidRequestError("deployment key is malformed", "deploymentKey");
    return key;
  }

  private async resolve(key: string) {
    const resolved = await this.registry.deploymentByKey(key, this.cacheMaxAgeMs);
    if (!resolved) throw new NotFoundError("no deployment has this deployment key");
    return resolved;
  }
}

/** Labels are `v<N>`; anything else would only pollute the counters. */
function optionalLabel(value: unknown): string {
  const label = optionalString(value, "label");
  if (label && !/^v[1-9][0-9]*$/.test(label)) throw new InvalidRequestError('label must look like "v1", "v2", ...', "label");
  return label;
}

function optionalString(value: unknown, field: string): string {
  if (value === undefined || value === null) return "";
  if (typeof value !== "string") throw new InvalidRequestError(`${field} must be a string`, field);
  return value;
}
