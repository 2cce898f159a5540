import { parsePackageInfo } from "../domain/release-options.js";
import { isUnfinishedRollout, type Release, type ReleaseOptions } from "../domain/release.js";
import { ConflictError, NotFoundError, ReleaseConflictError } from "../errors.js";
import type { DeploymentHistories } from "../history/deployment-histories.js";
import { assertNoActiveRollout, assertNotIdentical, nextLabel } from "../history/release-rules.js";
import type { Logger } from "../ports/logger.port.js";
import type { Registry } from "../registry/registry.js";
import type { ReleasedHook } from "../upload/upload-release.js";

/** Use case **publish**: promote, roll back, patch and clear a deployment's history. */
export class PublishRelease {
  constructor(
    private readonly registry: Registry,
    private readonly histories: DeploymentHistories,
    private readonly logger: Logger,
    private readonly now: () => number = Date.now,
    private readonly onReleased: ReleasedHook = () => undefined,
  ) {}

  async history(appName: string, deploymentName: string): Promise<Release[]> {
    const { deployment } = await this.registry.requireDeployment(appName, deploymentName);
    return (await this.histories.read(deployment.id)).state.releases;
  }

  /** The newest release of a deployment, if any (the CodePush `deployment.package`). */
  async latest(deploymentId: string): Promise<Release | undefined> {
    return (await this.histories.read(deploymentId)).state.releases.at(-1);
  }

  /** Copies a release of `source` (its newest, or `label`) to the top of `destination`'s history. */
  async promote(
    appName: string,
    sourceName: string,
    destinationName: string,
    label: string | undefined,
    requested: ReleaseOptions,
  ): Promise<Release> {
    const overrides = parsePackageInfo(requested).options;
    if (sourceName === destinationName) throw new ConflictError("cannot promote a deployment to itself");
    const source = await this.registry.requireDeployment(appName, sourceName);
    const destination = await this.registry.requireDeployment(appName, destinationName);
    const sourceReleases = (await this.histories.read(source.deployment.id)).state.releases;
    const from = label ? sourceReleases.findLast((r) => r.label === label) : sourceReleases.at(-1);
    if (!from) {
      throw new NotFoundError(label ? `release ${label} does not exist in "${sourceName}"` : `"${sourceName}" has no release to promote`);
    }
    const release = await this.appendRelease(destination.deployment.id, destinationName, (state) => {
      assertNotIdentical(state.releases, from.appVersion, from.packageHash);
      return {
        ...copyContent(from),
        appVersion: overrides.appVersion || from.appVersion,
        description: overrides.description || from.description,
        isMandatory: overrides.isMandatory ?? from.isMandatory,
        isDisabled: overrides.isDisabled ?? from.isDisabled,
        rollout: overrides.rollout && overrides.rollout !== 100 ? overrides.rollout : null,
        releaseMethod: "Promote",
        originalLabel: from.label,
        originalDeployment: sourceName,
      };
    });
    this.logger.info("release promoted", { event: "promote", app: appName, from: sourceName, to: destinationName, label: release.label, originalLabel: from.label });
    return release;
  }

  /** Re-releases an earlier release (the one before the newest, or `label`) as a new label. */
  async rollback(appName: string, deploymentName: string, label?: string): Promise<Release> {
    const { deployment } = await this.registry.requireDeployment(appName, deploymentName);
    let targetLabel = "";
    const release = await this.appendRelease(deployment.id, deploymentName, (state) => {
      const newest = state.releases.at(-1);
      if (!newest) throw new NotFoundError(`"${deploymentName}" has no releases to roll back`);
      let target: Release | undefined;
      if (label) {
        target = state.releases.findLast((r) => r.label === label);
        if (!target) throw new NotFoundError(`release ${label} does not exist in "${deploymentName}"`);
        if (target === newest) throw new ConflictError(`release ${label} is already the latest release`);
      } else {
        target = state.releases.at(-2);
        if (!target) throw new NotFoundError(`"${deploymentName}" has no earlier release to roll back to`);
      }
      if (target.appVersion !== newest.appVersion) {
        throw new ConflictError(
          `cannot roll back to ${target.label}: it targets "${target.appVersion}" but the latest release targets "${newest.appVersion}"`,
        );
      }
      targetLabel = target.label;
      return {
        ...copyContent(target),
        appVersion: target.appVersion,
        description: target.description,
        isMandatory: target.isMandatory,
        isDisabled: target.isDisabled,
        rollout: null,
        releaseMethod: "Rollback",
        originalLabel: target.label,
        ...(target.diffPackageMap ? { diffPackageMap: target.diffPackageMap } : {}),
        ...(target.bundlePatchMap ? { bundlePatchMap: target.bundlePatchMap } : {}),
      };
    }, { checkRollout: false });
    this.logger.info("release rolled back", { event: "rollback", app: appName, deployment: deploymentName, label: release.label, originalLabel: targetLabel });
    return release;
  }

  /**
   * Edits a release (the newest, or `label`). Returns null when nothing changed. A rollout only grows;
   * 100 completes it.
   */
  async patch(appName: string, deploymentName: string, label: string | undefined, requested: ReleaseOptions): Promise<Release | null> {
    const changes = parsePackageInfo(requested).options;
    const { deployment } = await this.registry.requireDeployment(appName, deploymentName);
    let patchedLabel = "";
    const result = await this.histories.log(deployment.id).append((state) => {
      const target = label ? state.releases.findLast((r) => r.label === label) : state.releases.at(-1);
      if (!target) {
        throw new NotFoundError(label ? `release ${label} does not exist in "${deploymentName}"` : `"${deploymentName}" has no releases`);
      }
      const effective: ReleaseOptions = {};
      if (changes.isDisabled !== undefined && changes.isDisabled !== target.isDisabled) effective.isDisabled = changes.isDisabled;
      if (changes.isMandatory !== undefined && changes.isMandatory !== target.isMandatory) effective.isMandatory = changes.isMandatory;
      if (changes.description && changes.description !== target.description) effective.description = changes.description;
      if (changes.appVersion && changes.appVersion !== target.appVersion) effective.appVersion = changes.appVersion;
      if (changes.rollout !== undefined && changes.rollout !== null) {
        if (!isUnfinishedRollout(target.rollout)) {
          throw new ReleaseConflictError(`release ${target.label} is already fully rolled out; its rollout cannot change`);
        }
        if (changes.rollout <= (target.rollout as number)) {
          throw new ReleaseConflictError(`rollout can only grow: ${target.label} is at ${target.rollout}%, asked for ${changes.rollout}%`);
        }
        effective.rollout = changes.rollout;
      }
      if (Object.keys(effective).length === 0) return null;
      patchedLabel = target.label;
      return { type: "patch", label: target.label, changes: effective };
    });
    if (result.event === null) return null;
    this.logger.info("release patched", { event: "patch", app: appName, deployment: deploymentName, label: patchedLabel });
    return result.state.releases.find((r) => r.label === patchedLabel) ?? null;
  }

  /** Empties the history. Labels keep counting, so a device's old label never names new content. */
  async clear(appName: string, deploymentName: string): Promise<void> {
    const { deployment } = await this.registry.requireDeployment(appName, deploymentName);
    await this.histories.log(deployment.id).append((state) => (state.releases.length === 0 ? null : { type: "clear" }));
    this.logger.info("history cleared", { event: "clear", app: appName, deployment: deploymentName });
  }

  private async appendRelease(
    deploymentId: string,
    deploymentName: string,
    build: (state: { releases: Release[] }) => Omit<Release, "label" | "uploadTime">,
    { checkRollout = true } = {},
  ): Promise<Release> {
    const result = await this.histories.log(deploymentId).append((state) => {
      if (checkRollout) assertNoActiveRollout(state.releases, deploymentName);
      const release: Release = { ...build(state), label: nextLabel(state.lastLabel), uploadTime: this.now() };
      return { type: "release", release };
    });
    const release = (result.event as { release: Release }).release;
    this.onReleased(deploymentId, release);
    return release;
  }
}

function copyContent(release: Release): Pick<Release, "packageHash" | "blobKey" | "size" | "manifestKey"> {
  return {
    packageHash: release.packageHash,
    blobKey: release.blobKey,
    size: release.size,
    ...(release.manifestKey ? { manifestKey: release.manifestKey } : {}),
  };
}
