import { isWellFormedKey, truncate } from "../domain/validation.js";
import { InvalidRequestError, NotFoundError } from "../errors.js";
import type { DeploymentHistories } from "../history/deployment-histories.js";
import type { ObjectStore } from "../ports/object-store.port.js";
import type { Registry } from "../registry/registry.js";
import { normalizeAppVersion } from "./app-version.js";
import { selectUpdate, type UpdateDecision } from "./select-update.js";

/** Parameters as a device sends them (either spelling already merged by the transport). */
export interface RawUpdateCheck {
  deploymentKey?: string | null;
  appVersion?: string | null;
  packageHash?: string | null;
  label?: string | null;
  isCompanion?: string | null;
  clientUniqueId?: string | null;
}

/** The CodePush update-check answer (camelCase; the transport converts casing). */
export interface UpdateCheckResult {
  downloadURL: string;
  description: string;
  isAvailable: boolean;
  isMandatory: boolean;
  appVersion: string;
  packageHash: string;
  label: string;
  packageSize: number;
  updateAppVersion: boolean;
  shouldRunBinaryVersion: boolean;
  target_binary_range: string;
}

export interface CheckUpdateOptions {
  /** How stale a cached registry or history view may be on this path (0 = always read the store). */
  cacheMaxAgeMs: number;
}

/**
 * The hot path: answers a device's update check from cached views of the registry and the
 * deployment's history, so a warm check does not touch the object store.
 */
export class CheckUpdate {
  constructor(
    private readonly registry: Registry,
    private readonly histories: DeploymentHistories,
    private readonly store: Pick<ObjectStore, "downloadUrl">,
    private readonly options: CheckUpdateOptions,
  ) {}

  async execute(raw: RawUpdateCheck): Promise<UpdateCheckResult> {
    const deploymentKey = (raw.deploymentKey ?? "").trim();
    if (!deploymentKey) throw new InvalidRequestError("deployment key is required (deployment_key or deploymentKey)", "deploymentKey");
    if (!isWellFormedKey(deploymentKey)) {
      throw new InvalidRequestError("deployment key is malformed: expected 10-100 characters of letters, digits, '_' or '-'", "deploymentKey");
    }
    const originalAppVersion = raw.appVersion ?? "";
    if (!originalAppVersion) throw new InvalidRequestError("app version is required (app_version or appVersion)", "appVersion");
    const appVersion = normalizeAppVersion(originalAppVersion);
    if (appVersion === null) {
      throw new InvalidRequestError(`app version "${truncate(originalAppVersion)}" is not a semantic version (expected e.g. 1.2.3)`, "appVersion");
    }
    const resolved = await this.registry.deploymentByKey(deploymentKey, this.options.cacheMaxAgeMs);
    if (!resolved) throw new NotFoundError("no deployment has this deployment key");

    const { state } = await this.histories.read(resolved.deployment.id, this.options.cacheMaxAgeMs);
    const decision = selectUpdate(state.releases, {
      appVersion,
      originalAppVersion,
      ...(raw.packageHash ? { packageHash: raw.packageHash } : {}),
      ...(raw.label ? { label: raw.label } : {}),
      isCompanion: (raw.isCompanion ?? "").toLowerCase() === "true",
      clientUniqueId: raw.clientUniqueId || "undefined",
    });
    return this.toResult(decision);
  }

  private async toResult(decision: UpdateDecision): Promise<UpdateCheckResult> {
    if (!decision.isAvailable) {
      return {
        downloadURL: "",
        description: "",
        isAvailable: false,
        isMandatory: false,
        appVersion: decision.appVersion,
        packageHash: "",
        label: "",
        packageSize: 0,
        updateAppVersion: decision.updateAppVersion,
        shouldRunBinaryVersion: decision.shouldRunBinaryVersion,
        target_binary_range: decision.appVersion,
      };
    }
    const { release, download } = decision;
    return {
      downloadURL: await this.store.downloadUrl(download.blobKey),
      description: release.description,
      isAvailable: true,
      isMandatory: decision.isMandatory,
      appVersion: decision.appVersion,
      packageHash: release.packageHash,
      label: release.label,
      packageSize: download.size,
      updateAppVersion: false,
      shouldRunBinaryVersion: false,
      target_binary_range: decision.appVersion,
    };
  }
}
