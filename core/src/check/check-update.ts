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

export interface Download {
  url: string;
  size: number;
}

/** hotpatch's own update-check answer (`GET /hotpatch/v1/update_check`). */
export interface NativeUpdateCheckResult {
  update: {
    label: string;
    /** The device's own version string, echoed (as in CodePush). */
    appVersion: string;
    description: string;
    isMandatory: boolean;
    /** Hash of the whole package (CodePush manifest hash) the installed files must have. */
    packageHash: string;
    package: Download;
    /** A CodePush diff package against the device's package, when there is one. */
    diff: Download | null;
    /** A binary patch of the bundle against the device's package, plus a diff of the other files. */
    bundlePatch: (Download & { algorithm: "bsdiff-brotli"; bundlePath: string; fromHash: string; toHash: string; others: Download | null }) | null;
  } | null;
  updateAppVersion: boolean;
  shouldRunBinaryVersion: boolean;
  appVersion: string;
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
    return this.toResult(await this.decide(raw));
  }

  /**
   * hotpatch's own protocol: the same decision, plus what lets its client download less — the CodePush
   * diff package, or a binary patch of the bundle with a diff of the other files.
   */
  async executeNative(raw: RawUpdateCheck): Promise<NativeUpdateCheckResult> {
    const decision = await this.decide(raw);
    if (!decision.isAvailable) {
      return { update: null, updateAppVersion: decision.updateAppVersion, shouldRunBinaryVersion: decision.shouldRunBinaryVersion, appVersion: decision.appVersion };
    }
    const { release } = decision;
    const hash = raw.packageHash || undefined;
    const diff = hash && release.diffPackageMap && Object.hasOwn(release.diffPackageMap, hash) ? release.diffPackageMap[hash] : undefined;
    const patch = hash && release.bundlePatchMap && Object.hasOwn(release.bundlePatchMap, hash) ? release.bundlePatchMap[hash] : undefined;
    const url = (key: string) => this.store.downloadUrl(key);
    return {
      update: {
        label: release.label,
        appVersion: decision.appVersion,
        description: release.description,
        isMandatory: decision.isMandatory,
        packageHash: release.packageHash,
        package: { url: await url(release.blobKey), size: release.size },
        diff: diff ? { url: await url(diff.blobKey), size: diff.size } : null,
        bundlePatch: patch
          ? {
              url: await url(patch.patch.blobKey),
              size: patch.patch.size,
              algorithm: "bsdiff-brotli",
              bundlePath: patch.bundlePath,
              fromHash: patch.fromHash,
              toHash: patch.toHash,
              others: patch.others ? { url: await url(patch.others.blobKey), size: patch.others.size } : null,
            }
          : null,
      },
      updateAppVersion: false,
      shouldRunBinaryVersion: false,
      appVersion: decision.appVersion,
    };
  }

  private async decide(raw: RawUpdateCheck): Promise<UpdateDecision> {
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
    return selectUpdate(state.releases, {
      appVersion,
      originalAppVersion,
      ...(raw.packageHash ? { packageHash: raw.packageHash } : {}),
      ...(raw.label ? { label: raw.label } : {}),
      isCompanion: (raw.isCompanion ?? "").toLowerCase() === "true",
      clientUniqueId: raw.clientUniqueId || "undefined",
    });
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
