import semver from "semver";
import type { Binary, BinaryPlatform } from "../domain/registry.js";
import { truncate } from "../domain/validation.js";
import { ConflictError, InvalidRequestError, NotFoundError } from "../errors.js";
import type { DeploymentHistories } from "../history/deployment-histories.js";
import { inspectPackage, type PackageLimits } from "../package/inspect-package.js";
import type { PackageStore } from "../package/package-store.js";
import type { Logger } from "../ports/logger.port.js";
import { findApp, generateId, type Registry } from "../registry/registry.js";
import type { DiffBuilder } from "../diff/diff-builder.js";

const PLATFORMS: readonly BinaryPlatform[] = ["ios", "android"];

/**
 * Registers the bundle embedded in a store build (`hotpatch binary add`), so devices still on it get a
 * diff instead of the full package. The zip's entries must be laid out as the device sees its binary:
 * `CodePush/<bundle>` and `CodePush/assets/…`.
 */
export class ManageBinaries {
  constructor(
    private readonly registry: Registry,
    private readonly histories: DeploymentHistories,
    private readonly packages: PackageStore,
    private readonly diffs: DiffBuilder,
    private readonly logger: Logger,
    private readonly limits: PackageLimits,
    private readonly now: () => number = Date.now,
  ) {}

  async list(appName: string): Promise<Binary[]> {
    const { state } = await this.registry.read();
    const app = findApp(state, appName);
    return (state.binaries ?? []).filter((b) => b.appId === app.id);
  }

  async add(appName: string, platform: unknown, appVersion: unknown, bytes: Uint8Array): Promise<Binary> {
    if (typeof platform !== "string" || !PLATFORMS.includes(platform as BinaryPlatform)) {
      throw new InvalidRequestError('platform must be "ios" or "android"', "platform");
    }
    if (typeof appVersion !== "string" || semver.valid(appVersion) === null) {
      throw new InvalidRequestError(`appVersion must be the store build's exact version, e.g. 1.4.0 (got "${truncate(String(appVersion))}")`, "appVersion");
    }
    const app = await this.registry.requireApp(appName);
    const inspected = await inspectPackage(bytes, "binary.zip", this.limits);
    if (inspected.kind !== "zip") throw new InvalidRequestError("the binary's bundle must be sent as a zip of CodePush/<bundle> and CodePush/assets/…", "package");
    const outside = Object.keys(inspected.manifest).find((path) => !path.startsWith("CodePush/"));
    if (outside) throw new InvalidRequestError(`every entry must be under CodePush/ (found "${truncate(outside)}")`, "package");
    const stored = await this.packages.save(bytes, inspected);
    const binary: Binary = {
      id: generateId(),
      appId: app.id,
      platform: platform as BinaryPlatform,
      appVersion,
      packageHash: inspected.packageHash,
      blobKey: stored.blobKey,
      manifestKey: stored.manifestKey as string,
      createdTime: this.now(),
    };
    await this.registry.append((state) => {
      if ((state.binaries ?? []).some((b) => b.appId === app.id && b.platform === platform && b.appVersion === appVersion)) {
        throw new ConflictError(`a ${platform} binary ${appVersion} is already registered for "${appName}"; remove it first`);
      }
      return { type: "binaryAdded", binary };
    });
    this.logger.info("binary registered", { app: appName, platform, appVersion, packageHash: binary.packageHash });
    // Releases already out should get diffs from this binary too: the newest of each deployment.
    const { state } = await this.registry.read();
    for (const deployment of state.deployments.filter((d) => d.appId === app.id)) {
      const newest = (await this.histories.read(deployment.id)).state.releases.at(-1);
      if (newest) this.diffs.schedule(deployment.id, newest.label);
    }
    return binary;
  }

  async remove(appName: string, platform: string, appVersion: string): Promise<void> {
    await this.registry.append((state) => {
      const app = findApp(state, appName);
      const binary = (state.binaries ?? []).find((b) => b.appId === app.id && b.platform === platform && b.appVersion === appVersion);
      if (!binary) throw new NotFoundError(`no ${platform} binary ${appVersion} is registered for "${appName}"`);
      return { type: "binaryRemoved", id: binary.id };
    });
  }

  /** Binaries a release can be diffed from: same app, a version inside the release's range. */
  async basesFor(deploymentId: string, releaseRange: string): Promise<Binary[]> {
    const { state } = await this.registry.read();
    const deployment = state.deployments.find((d) => d.id === deploymentId);
    if (!deployment) return [];
    return (state.binaries ?? []).filter((b) => b.appId === deployment.appId && semver.satisfies(b.appVersion, releaseRange || "*"));
  }
}
