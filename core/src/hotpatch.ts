import { ManageBinaries } from "./binary/manage-binaries.js";
import { CheckUpdate } from "./check/check-update.js";
import { DEFAULT_DIFF_OPTIONS, DiffBuilder, type DiffOptions } from "./diff/diff-builder.js";
import { DeploymentHistories } from "./history/deployment-histories.js";
import { DEFAULT_PACKAGE_LIMITS, type PackageLimits } from "./package/inspect-package.js";
import { PackageStore } from "./package/package-store.js";
import type { Logger } from "./ports/logger.port.js";
import type { ObjectStore } from "./ports/object-store.port.js";
import { PublishRelease } from "./publish/publish-release.js";
import { AccessKeys } from "./registry/access-keys.js";
import { ManageApps } from "./registry/manage-apps.js";
import { Registry } from "./registry/registry.js";
import { MetricsStore } from "./report/metrics-store.js";
import { ReportStatus } from "./report/report-status.js";
import { IngestDroppedObject } from "./upload/ingest-dropped-object.js";
import { UploadRelease } from "./upload/upload-release.js";

export interface HotpatchDeps {
  store: ObjectStore;
  logger: Logger;
}

export interface HotpatchOptions {
  /**
   * How stale the cached registry and histories may be on the device path. Writes through this
   * instance update its cache at once; the age bounds how late another instance's writes are seen.
   */
  cacheMaxAgeMs?: number;
  limits?: Partial<PackageLimits>;
  /** CodePush diff packages built after each release (on by default). */
  diffs?: Partial<DiffOptions>;
  now?: () => number;
}

/** Every use case of hotpatch, wired over one object store and logger. */
export interface Hotpatch {
  registry: Registry;
  apps: ManageApps;
  accessKeys: AccessKeys;
  upload: UploadRelease;
  ingest: IngestDroppedObject;
  check: CheckUpdate;
  publish: PublishRelease;
  report: ReportStatus;
  metrics: MetricsStore;
  diffs: DiffBuilder;
  binaries: ManageBinaries;
  limits: PackageLimits;
}

/** The reference composition (no container, no configuration reading). */
export function createHotpatch({ store, logger }: HotpatchDeps, options: HotpatchOptions = {}): Hotpatch {
  const now = options.now ?? Date.now;
  const cacheMaxAgeMs = options.cacheMaxAgeMs ?? 5_000;
  const limits = { ...DEFAULT_PACKAGE_LIMITS, ...options.limits };
  const registry = new Registry(store, { now }, now);
  const histories = new DeploymentHistories(store, { now });
  const packages = new PackageStore(store);
  const metrics = new MetricsStore(store, logger, now);
  // Diffs are also built from registered store binaries (late-bound: the two refer to each other).
  let binaries: ManageBinaries | undefined;
  const diffs = new DiffBuilder(store, histories, packages, logger, { ...DEFAULT_DIFF_OPTIONS, ...options.diffs }, async (deploymentId, release) =>
    binaries ? await binaries.basesFor(deploymentId, release.appVersion) : [],
  );
  binaries = new ManageBinaries(registry, histories, packages, diffs, logger, limits, now);
  const onReleased = (deploymentId: string, release: { label: string }) => diffs.schedule(deploymentId, release.label);
  const upload = new UploadRelease(registry, histories, packages, logger, limits, now, onReleased);
  return {
    registry,
    apps: new ManageApps(registry, histories, logger, now),
    accessKeys: new AccessKeys(registry, logger, now),
    upload,
    ingest: new IngestDroppedObject(store, upload, logger),
    check: new CheckUpdate(registry, histories, store, { cacheMaxAgeMs }),
    publish: new PublishRelease(registry, histories, logger, now, onReleased),
    report: new ReportStatus(registry, metrics, logger, cacheMaxAgeMs),
    metrics,
    diffs,
    binaries,
    limits,
  };
}
