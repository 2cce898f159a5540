import { createHotpatch, type Hotpatch, type HotpatchOptions, type Logger, type ObjectStore } from "@hotpatch/core";
import { createHttpApp, type HttpAppOptions } from "@hotpatch/http";
import { LocalEventSource, wrapStoreWithEvents } from "@hotpatch/provider-local";
import type { HotpatchConfig } from "../config/hotpatch-config.js";
import type { ProviderStore } from "../providers/provider-store.js";
import type { AppRuntime } from "./app-runtime.js";
import { withOpenManagement } from "./open-management.js";

/*
 * The steps of the composition, each a plain function of what it needs. createApp calls them in
 * order; the inversify and tsyringe containers call the same functions from their factories, so the
 * three can only differ in how they wire, which the tests compare.
 */

/** The in-process drop-zone trigger, unless the platform delivers bucket events itself. */
export function dropZoneTrigger(runtime: AppRuntime, logger: Logger): LocalEventSource | null {
  if (runtime.platformTrigger) return null;
  return new LocalEventSource({ onHandlerError: (error) => logger.error("drop-zone ingest failed", { error }) });
}

/** The store the use cases write through: objects created under `src/` raise the trigger's events. */
export function useCaseStore(provider: ProviderStore, trigger: LocalEventSource | null): ObjectStore {
  return trigger ? wrapStoreWithEvents(provider.store, trigger) : provider.store;
}

export function hotpatchOptions(config: HotpatchConfig): HotpatchOptions {
  return {
    cacheMaxAgeMs: config.cacheMaxAgeMs,
    diffs: { enabled: config.diffs },
    ...(config.limits.maxPackageBytes !== undefined ? { limits: { maxPackageBytes: config.limits.maxPackageBytes } } : {}),
  };
}

/** core's composition of the use cases, opened up when auth is none, fed by the drop-zone trigger. */
export function composeHotpatch(config: HotpatchConfig, store: ObjectStore, logger: Logger, trigger: LocalEventSource | null): Hotpatch {
  const composed = createHotpatch({ store, logger }, hotpatchOptions(config));
  const hotpatch = config.auth.mode === "none" ? withOpenManagement(composed, logger) : composed;
  trigger?.subscribe(async (event) => {
    await hotpatch.ingest.handle(event);
  });
  return hotpatch;
}

export function httpAppOptions(config: HotpatchConfig, hotpatch: Hotpatch, store: ObjectStore, logger: Logger, provider: ProviderStore): HttpAppOptions {
  const { auth, http } = config;
  return {
    hotpatch,
    store,
    logger,
    serveStorage: provider.serveStorage,
    ...(provider.downloadVerifier ? { downloadVerifier: provider.downloadVerifier } : {}),
    ...(http.basePath ? { basePath: http.basePath } : {}),
    ...(http.corsOrigin ? { corsOrigin: http.corsOrigin } : {}),
    ...(auth.mode === "api-gateway" ? { apiGatewayAuth: { apps: auth.apps, scope: auth.scope } } : {}),
  };
}

export function createHttp(config: HotpatchConfig, hotpatch: Hotpatch, store: ObjectStore, logger: Logger, provider: ProviderStore) {
  return createHttpApp(httpAppOptions(config, hotpatch, store, logger, provider));
}
