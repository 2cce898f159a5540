import type { Hotpatch, Logger, ObjectStore } from "@hotpatch/core";
import type { Fetchable } from "@hotpatch/http";
import type { LocalEventSource } from "@hotpatch/provider-local";
import type { HotpatchConfig } from "../config/hotpatch-config.js";
import { ensureAccessKey, type BootstrapOptions } from "./access-key-bootstrap.js";

/** hotpatch composed from its configuration: what every runtime (Node server, FC, Lambda) serves. */
export interface HotpatchApp {
  config: HotpatchConfig;
  /** Every use case. */
  hotpatch: Hotpatch;
  /** The store the use cases write through. */
  store: ObjectStore;
  logger: Logger;
  /** The one HTTP application (adapters/http). */
  http: Fetchable;
  /**
   * Waits for queued drop-zone ingests and diff builds, and writes buffered metric deltas. Functions
   * call it before returning, since the platform may freeze them right after.
   */
  settle(): Promise<void>;
  /** Makes the configured access key work; optionally creates the first key (returned once). */
  ensureAccessKey(options?: BootstrapOptions): Promise<string | undefined>;
}

export function assembleApp(parts: { config: HotpatchConfig; hotpatch: Hotpatch; store: ObjectStore; logger: Logger; http: Fetchable; trigger: LocalEventSource | null }): HotpatchApp {
  const { config, hotpatch, store, logger, http, trigger } = parts;
  return {
    config,
    hotpatch,
    store,
    logger,
    http,
    settle: async () => {
      await trigger?.idle();
      await hotpatch.diffs.idle();
      await hotpatch.metrics.flush();
    },
    ensureAccessKey: (options) => ensureAccessKey(hotpatch, config, options),
  };
}
