import type { BundlePatch, Release } from "../domain/release.js";
import { isHotpatchError } from "../errors.js";
import type { DeploymentHistories } from "../history/deployment-histories.js";
import type { PackageStore } from "../package/package-store.js";
import type { PackageManifest } from "../package/package-hash.js";
import type { Logger } from "../ports/logger.port.js";
import type { ObjectStore } from "../ports/object-store.port.js";
import { diffBases } from "./diff-bases.js";
import { buildBundlePatch } from "./bundle-patch.js";
import { buildDiffPackage, verifyDiffPackage } from "./diff-package.js";

export interface DiffOptions {
  /** Build CodePush diff packages at all (default true). */
  enabled: boolean;
  /** How many older releases a new release gets diffs from (default 5, as CodePush). */
  maxBases: number;
  /** A diff whose size is at least this fraction of the full package is not offered (default 1: any saving). */
  maxSizeRatio: number;
  /** Also build binary patches of the bundle for hotpatch's own client (default true; docs/patches.md). */
  bundlePatches: boolean;
}

export const DEFAULT_DIFF_OPTIONS: DiffOptions = { enabled: true, maxBases: 5, maxSizeRatio: 1, bundlePatches: true };

/** A package a device may already hold, to diff from: an older release, or a store binary's bundle. */
export interface DiffBase {
  packageHash: string;
  manifestKey: string;
  blobKey: string;
}

/**
 * Builds CodePush diff packages off the request path, after a release lands. Each diff is stored
 * content-addressed (`diffs/<fromHash>/<toHash>.zip`, so rebuilding is idempotent), verified by
 * replaying it on the base manifest, and only then attached to the release. A failed or skipped diff
 * just means devices download the full package.
 */
export class DiffBuilder {
  private queue: Promise<void> = Promise.resolve();
  private pending = 0;

  constructor(
    private readonly store: ObjectStore,
    private readonly histories: DeploymentHistories,
    private readonly packages: PackageStore,
    private readonly logger: Logger,
    private readonly options: DiffOptions,
    /** Extra bases for a release (e.g. registered store binaries), looked up when it is built. */
    private readonly extraBases: (deploymentId: string, release: Release) => Promise<DiffBase[]> = async () => [],
  ) {}

  /** Queues diff building for a release; never throws into the caller. */
  schedule(deploymentId: string, label: string): void {
    if (!this.options.enabled) return;
    this.pending++;
    this.queue = this.queue
      .then(() => this.build(deploymentId, label))
      .then(
        () => undefined,
        (error: unknown) => this.logger.warn("diff building failed; devices get the full package", { deploymentId, label, error }),
      )
      .finally(() => {
        this.pending--;
      });
  }

  /** Resolves when every scheduled build has finished. */
  async idle(): Promise<void> {
    while (this.pending > 0) await this.queue;
  }

  /** Builds and attaches the missing diffs of one release; returns how many were attached. */
  async build(deploymentId: string, label: string): Promise<number> {
    const log = this.histories.log(deploymentId);
    const { state } = await log.read();
    const release = state.releases.findLast((r) => r.label === label);
    if (!release?.manifestKey) return 0;
    const bases: DiffBase[] = [
      ...diffBases(state.releases, label, this.options.maxBases).map((r) => ({ packageHash: r.packageHash, manifestKey: r.manifestKey as string, blobKey: r.blobKey })),
      ...(await this.extraBases(deploymentId, release)),
    ].filter((b) => b.packageHash !== release.packageHash && (!release.diffPackageMap?.[b.packageHash] || (this.options.bundlePatches && !release.bundlePatchMap?.[b.packageHash])));
    if (bases.length === 0) return 0;

    const target = await this.packages.manifest(release.manifestKey);
    const targetZip = (await this.store.get(release.blobKey))?.body;
    if (!targetZip) throw new Error(`package ${release.blobKey} is missing`);
    let attached = 0;
    for (const base of bases) {
      const diff = release.diffPackageMap?.[base.packageHash] ? null : await this.diffFor(base, release, target, targetZip);
      if (diff) {
        const result = await log.append((current) => {
          const r = current.releases.findLast((x) => x.label === label);
          if (!r || r.packageHash !== release.packageHash || r.diffPackageMap?.[base.packageHash]) return null;
          return { type: "diff", label, fromHash: base.packageHash, diff };
        });
        if (result.event) attached++;
      }
      if (!this.options.bundlePatches || release.bundlePatchMap?.[base.packageHash]) continue;
      const bundlePatch = await this.bundlePatchFor(base, release, target, targetZip);
      if (!bundlePatch) continue;
      const result = await log.append((current) => {
        const r = current.releases.findLast((x) => x.label === label);
        if (!r || r.packageHash !== release.packageHash || r.bundlePatchMap?.[base.packageHash]) return null;
        return { type: "bundlePatch", label, fromHash: base.packageHash, bundlePatch };
      });
      if (result.event) attached++;
    }
    if (attached > 0) this.logger.info("diff packages attached", { event: "diff", deploymentId, label, count: attached });
    return attached;
  }

  private async diffFor(base: DiffBase, release: Release, target: PackageManifest, targetZip: Uint8Array) {
    const blobKey = `diffs/${base.packageHash}/${release.packageHash}.zip`;
    const existing = await this.store.head(blobKey);
    if (existing) return this.offerable(existing.size, release) ? { blobKey, size: existing.size } : null;
    const baseManifest = await this.packages.manifest(base.manifestKey);
    const bytes = await buildDiffPackage(baseManifest, target, targetZip);
    if (!bytes || !this.offerable(bytes.length, release)) return null;
    if (!(await verifyDiffPackage(baseManifest, bytes, release.packageHash))) {
      this.logger.error("built diff does not reproduce the release; not offered", { label: release.label, fromHash: base.packageHash });
      return null;
    }
    await this.store.putIfAbsent(blobKey, bytes, { contentType: "application/zip" });
    return { blobKey, size: bytes.length };
  }

  /** A failed patch (too large, too slow) only means the client downloads more; it never fails the build. */
  private async bundlePatchFor(base: DiffBase, release: Release, target: PackageManifest, targetZip: Uint8Array): Promise<BundlePatch | null> {
    try {
      return await buildBundlePatch(this.store, {
        release,
        target,
        targetZip,
        base: { packageHash: base.packageHash, manifest: await this.packages.manifest(base.manifestKey), zip: async () => (await this.store.get(base.blobKey))?.body },
      });
    } catch (error) {
      if (!isHotpatchError(error)) throw error;
      this.logger.warn("bundle patch not built", { label: release.label, fromHash: base.packageHash, code: error.code, reason: error.message });
      return null;
    }
  }

  private offerable(size: number, release: Release): boolean {
    return size < release.size * this.options.maxSizeRatio;
  }
}
