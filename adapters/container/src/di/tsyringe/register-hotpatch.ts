// tsyringe reads decorator metadata through the Reflect API and refuses to load without the polyfill;
// hotpatch registers explicit factories only, but the polyfill must still come first.
import "reflect-metadata";
import { instanceCachingFactory, type DependencyContainer } from "tsyringe";
import type { AppRuntime } from "../../app/app-runtime.js";
import { composeHotpatch, createHttp, dropZoneTrigger, useCaseStore } from "../../app/app-parts.js";
import { assembleApp } from "../../app/hotpatch-app.js";
import type { HotpatchConfig } from "../../config/hotpatch-config.js";
import { createLogger } from "../../providers/create-logger.js";
import { openStore } from "../../providers/open-store.js";
import {
  APP,
  CONFIG,
  DROP_ZONE_TRIGGER,
  HOTPATCH,
  HTTP_APP,
  LOGGER,
  OBJECT_STORE,
  PROVIDER_STORE,
  RUNTIME,
  USE_CASE_NAMES,
  USE_CASE_TOKENS,
  type HotpatchServices,
  type HotpatchToken,
} from "../tokens.js";

/** `container.resolve` typed by token. */
export function resolveHotpatch<K extends HotpatchToken>(container: DependencyContainer, token: K): HotpatchServices[K] {
  return container.resolve<HotpatchServices[K]>(token);
}

function registerFactory<K extends HotpatchToken>(container: DependencyContainer, token: K, factory: (c: DependencyContainer) => HotpatchServices[K]): void {
  container.register<HotpatchServices[K]>(token, { useFactory: instanceCachingFactory(factory) });
}

/**
 * Registers hotpatch in a tsyringe container: explicit, cached factories under the same Symbol tokens
 * as the inversify module. tsyringe's factories are synchronous, so the two asynchronous steps —
 * creating the logger and opening the store (which may check the bucket) — run here, before
 * registering. A LOGGER you registered beforehand is kept and used.
 */
export async function registerHotpatch(container: DependencyContainer, config: HotpatchConfig, runtime: AppRuntime = {}): Promise<DependencyContainer> {
  container.register<HotpatchConfig>(CONFIG, { useValue: config });
  container.register<AppRuntime>(RUNTIME, { useValue: runtime });
  if (!container.isRegistered(LOGGER, true)) container.register(LOGGER, { useValue: await createLogger(config, runtime) });
  container.register(PROVIDER_STORE, { useValue: await openStore(config, runtime) });
  registerFactory(container, DROP_ZONE_TRIGGER, (c) => dropZoneTrigger(resolveHotpatch(c, RUNTIME), resolveHotpatch(c, LOGGER)));
  registerFactory(container, OBJECT_STORE, (c) => useCaseStore(resolveHotpatch(c, PROVIDER_STORE), resolveHotpatch(c, DROP_ZONE_TRIGGER)));
  registerFactory(container, HOTPATCH, (c) => composeHotpatch(resolveHotpatch(c, CONFIG), resolveHotpatch(c, OBJECT_STORE), resolveHotpatch(c, LOGGER), resolveHotpatch(c, DROP_ZONE_TRIGGER)));
  for (const name of USE_CASE_NAMES) {
    container.register(USE_CASE_TOKENS[name], { useFactory: instanceCachingFactory((c) => resolveHotpatch(c, HOTPATCH)[name]) });
  }
  registerFactory(container, HTTP_APP, (c) =>
    createHttp(resolveHotpatch(c, CONFIG), resolveHotpatch(c, HOTPATCH), resolveHotpatch(c, OBJECT_STORE), resolveHotpatch(c, LOGGER), resolveHotpatch(c, PROVIDER_STORE)),
  );
  registerFactory(container, APP, (c) =>
    assembleApp({
      config: resolveHotpatch(c, CONFIG),
      hotpatch: resolveHotpatch(c, HOTPATCH),
      store: resolveHotpatch(c, OBJECT_STORE),
      logger: resolveHotpatch(c, LOGGER),
      http: resolveHotpatch(c, HTTP_APP),
      trigger: resolveHotpatch(c, DROP_ZONE_TRIGGER),
    }),
  );
  return container;
}
