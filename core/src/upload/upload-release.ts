import { parsePackageInfo } from "../domain/release-options.js";
import type { Release, ReleaseOptions } from "../domain/release.js";
import { InvalidRequestError } from "../errors.js";
import type { DeploymentHistories } from "../history/deployment-histories.js";
import { assertNoActiveRollout, assertNotIdentical, nextLabel } from "../history/release-rules.js";
import type { Logger } from "../ports/logger.port.js";
import { inspectPackage, type PackageLimits } from "../package/inspect-package.js";
import type { PackageStore } from "../package/package-store.js";
import type { Registry } from "../registry/registry.js";

export type ReleasedHook = (deploymentId: string, release: Release) => void;

export interface UploadReleaseInput {
  appName: string;
  deploymentName: string;
  /** The zip (CodePush layout) or a single bundle file. */
  bytes: Uint8Array;
  fileName: string;
  options: ReleaseOptions;
  releasedBy?: string;
  /** Set when ingesting a dropped object: a re-delivery of the same object is a no-op. */
  source?: { key: string; etag: string };
}

export interface UploadReleaseResult {
  release: Release;
  /** False when the same drop-zone object had already been released (duplicate trigger delivery). */
  created: boolean;
}

/** Use case **upload**: validate, hash, store content-addressed, append a release to the history. */
export class UploadRelease {
  constructor(
    private readonly registry: Registry,
    private readonly histories: DeploymentHistories,
    private readonly packages: PackageStore,
    private readonly logger: Logger,
    private readonly limits: PackageLimits,
    private readonly now: () => number = Date.now,
    /** Called after a release is committed (diff building hooks in here). */
    private readonly onReleased: ReleasedHook = () => undefined,
  ) {}

  async execute(input: UploadReleaseInput): Promise<UploadReleaseResult> {
    // Validate here as well as at the transport: the drop zone and in-process callers skip HTTP.
    const { options } = parsePackageInfo(input.options);
    if (options.appVersion === undefined) {
      throw new InvalidRequestError("appVersion (the target binary range, e.g. 1.0.0 or ^1.2.0) is required", "appVersion");
    }
    const { deployment } = await this.registry.requireDeployment(input.appName, input.deploymentName);
    const log = this.histories.log(deployment.id);

    // Refuse early (before storing bytes) what the append would refuse anyway.
    const before = await log.read();
    const duplicate = input.source && findBySource(before.state.releases, input.source);
    if (duplicate) return { release: duplicate, created: false };
    assertNoActiveRollout(before.state.releases, input.deploymentName);

    const inspected = await inspectPackage(input.bytes, input.fileName, this.limits);
    assertNotIdentical(before.state.releases, options.appVersion, inspected.packageHash);
    const stored = await this.packages.save(input.bytes, inspected);

    let existing: Release | undefined;
    const result = await log.append((state) => {
      existing = input.source && findBySource(state.releases, input.source);
      if (existing) return null;
      assertNoActiveRollout(state.releases, input.deploymentName);
      assertNotIdentical(state.releases, options.appVersion as string, inspected.packageHash);
      const release: Release = {
        label: nextLabel(state.lastLabel),
        appVersion: options.appVersion as string,
        packageHash: inspected.packageHash,
        blobKey: stored.blobKey,
        size: inspected.size,
        ...(stored.manifestKey ? { manifestKey: stored.manifestKey } : {}),
        description: options.description ?? "",
        isMandatory: options.isMandatory ?? false,
        isDisabled: options.isDisabled ?? false,
        rollout: options.rollout === undefined || options.rollout === 100 ? null : options.rollout,
        releaseMethod: "Upload",
        uploadTime: this.now(),
        ...(input.releasedBy ? { releasedBy: input.releasedBy } : {}),
        ...(input.source ? { source: input.source } : {}),
      };
      return { type: "release", release };
    });
    if (result.event === null) return { release: existing as Release, created: false };
    const release = (result.event as { release: Release }).release;
    this.logger.info("release created", {
      event: "release",
      app: input.appName,
      deployment: input.deploymentName,
      label: release.label,
      packageHash: release.packageHash,
      size: release.size,
      appVersion: release.appVersion,
    });
    this.onReleased(deployment.id, release);
    return { release, created: true };
  }
}

function findBySource(releases: readonly Release[], source: { key: string; etag: string }): Release | undefined {
  return releases.find((r) => r.source?.key === source.key && r.source.etag === source.etag);
}
