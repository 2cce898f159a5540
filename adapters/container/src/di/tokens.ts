import type {
  AccessKeys,
  CheckUpdate,
  DiffBuilder,
  Hotpatch,
  IngestDroppedObject,
  Logger,
  ManageApps,
  ManageBinaries,
  MetricsStore,
  ObjectStore,
  PublishRelease,
  Registry,
  ReportStatus,
  UploadRelease,
} from "@hotpatch/core";
import type { Fetchable } from "@hotpatch/http";
import type { LocalEventSource } from "@hotpatch/provider-local";
import type { AppRuntime } from "../app/app-runtime.js";
import type { HotpatchApp } from "../app/hotpatch-app.js";
import type { HotpatchConfig } from "../config/hotpatch-config.js";
import type { ProviderStore } from "../providers/provider-store.js";

/*
 * DI tokens are Symbols, and every binding is an explicit factory: tsx, vitest and esbuild emit no
 * decorator metadata, so nothing can be injected by constructor type. `Symbol.for` keeps a token the
 * same even when an app ends up with two copies of this package.
 */
export const CONFIG: unique symbol = Symbol.for("hotpatch.Config");
export const RUNTIME: unique symbol = Symbol.for("hotpatch.Runtime");
export const LOGGER: unique symbol = Symbol.for("hotpatch.Logger");
export const PROVIDER_STORE: unique symbol = Symbol.for("hotpatch.ProviderStore");
export const DROP_ZONE_TRIGGER: unique symbol = Symbol.for("hotpatch.DropZoneTrigger");
export const OBJECT_STORE: unique symbol = Symbol.for("hotpatch.ObjectStore");
export const HOTPATCH: unique symbol = Symbol.for("hotpatch.Hotpatch");
export const HTTP_APP: unique symbol = Symbol.for("hotpatch.HttpApp");
export const APP: unique symbol = Symbol.for("hotpatch.App");

export const REGISTRY: unique symbol = Symbol.for("hotpatch.Registry");
export const MANAGE_APPS: unique symbol = Symbol.for("hotpatch.ManageApps");
export const ACCESS_KEYS: unique symbol = Symbol.for("hotpatch.AccessKeys");
export const UPLOAD_RELEASE: unique symbol = Symbol.for("hotpatch.UploadRelease");
export const INGEST_DROPPED_OBJECT: unique symbol = Symbol.for("hotpatch.IngestDroppedObject");
export const CHECK_UPDATE: unique symbol = Symbol.for("hotpatch.CheckUpdate");
export const PUBLISH_RELEASE: unique symbol = Symbol.for("hotpatch.PublishRelease");
export const REPORT_STATUS: unique symbol = Symbol.for("hotpatch.ReportStatus");
export const METRICS_STORE: unique symbol = Symbol.for("hotpatch.MetricsStore");
export const DIFF_BUILDER: unique symbol = Symbol.for("hotpatch.DiffBuilder");
export const MANAGE_BINARIES: unique symbol = Symbol.for("hotpatch.ManageBinaries");

/** What each token resolves to. */
export interface HotpatchServices {
  [CONFIG]: HotpatchConfig;
  [RUNTIME]: AppRuntime;
  [LOGGER]: Logger;
  [PROVIDER_STORE]: ProviderStore;
  /** null when the platform delivers bucket events itself. */
  [DROP_ZONE_TRIGGER]: LocalEventSource | null;
  [OBJECT_STORE]: ObjectStore;
  [HOTPATCH]: Hotpatch;
  [HTTP_APP]: Fetchable;
  [APP]: HotpatchApp;
  [REGISTRY]: Registry;
  [MANAGE_APPS]: ManageApps;
  [ACCESS_KEYS]: AccessKeys;
  [UPLOAD_RELEASE]: UploadRelease;
  [INGEST_DROPPED_OBJECT]: IngestDroppedObject;
  [CHECK_UPDATE]: CheckUpdate;
  [PUBLISH_RELEASE]: PublishRelease;
  [REPORT_STATUS]: ReportStatus;
  [METRICS_STORE]: MetricsStore;
  [DIFF_BUILDER]: DiffBuilder;
  [MANAGE_BINARIES]: ManageBinaries;
}

export type HotpatchToken = keyof HotpatchServices;

/** Each use case's token, by its name in core's `Hotpatch`. */
export const USE_CASE_TOKENS = {
  registry: REGISTRY,
  apps: MANAGE_APPS,
  accessKeys: ACCESS_KEYS,
  upload: UPLOAD_RELEASE,
  ingest: INGEST_DROPPED_OBJECT,
  check: CHECK_UPDATE,
  publish: PUBLISH_RELEASE,
  report: REPORT_STATUS,
  metrics: METRICS_STORE,
  diffs: DIFF_BUILDER,
  binaries: MANAGE_BINARIES,
} as const satisfies Record<Exclude<keyof Hotpatch, "limits">, HotpatchToken>;

export type UseCaseName = keyof typeof USE_CASE_TOKENS;
export const USE_CASE_NAMES = Object.keys(USE_CASE_TOKENS) as UseCaseName[];
