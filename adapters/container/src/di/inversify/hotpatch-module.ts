import { Container, ContainerModule, type ResolutionContext } from "inversify";
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

/** `ctx.getAsync` typed by token: opening a store is asynchronous, so every binding resolves asynchronously. */
const get = <K extends HotpatchToken>(ctx: ResolutionContext, token: K): Promise<HotpatchServices[K]> => ctx.getAsync<HotpatchServices[K]>(token);

/**
 * hotpatch as an inversify ContainerModule: one singleton factory per token, each calling the same
 * step as createApp. Rebind any token after loading (say LOGGER, to your own logger) and everything
 * resolved after that uses it.
 */
export function hotpatchModule(config: HotpatchConfig, runtime: AppRuntime = {}): ContainerModule {
  return new ContainerModule(({ bind }) => {
    bind<HotpatchConfig>(CONFIG).toConstantValue(config);
    bind<AppRuntime>(RUNTIME).toConstantValue(runtime);
    bind<HotpatchServices[typeof LOGGER]>(LOGGER)
      .toDynamicValue(async (ctx) => createLogger(await get(ctx, CONFIG), await get(ctx, RUNTIME)))
      .inSingletonScope();
    bind<HotpatchServices[typeof PROVIDER_STORE]>(PROVIDER_STORE)
      .toDynamicValue(async (ctx) => openStore(await get(ctx, CONFIG), await get(ctx, RUNTIME)))
      .inSingletonScope();
    bind<HotpatchServices[typeof DROP_ZONE_TRIGGER]>(DROP_ZONE_TRIGGER)
      .toDynamicValue(async (ctx) => dropZoneTrigger(await get(ctx, RUNTIME), await get(ctx, LOGGER)))
      .inSingletonScope();
    bind<HotpatchServices[typeof OBJECT_STORE]>(OBJECT_STORE)
      .toDynamicValue(async (ctx) => useCaseStore(await get(ctx, PROVIDER_STORE), await get(ctx, DROP_ZONE_TRIGGER)))
      .inSingletonScope();
    bind<HotpatchServices[typeof HOTPATCH]>(HOTPATCH)
      .toDynamicValue(async (ctx) => composeHotpatch(await get(ctx, CONFIG), await get(ctx, OBJECT_STORE), await get(ctx, LOGGER), await get(ctx, DROP_ZONE_TRIGGER)))
      .inSingletonScope();
    for (const name of USE_CASE_NAMES) {
      bind(USE_CASE_TOKENS[name])
        .toDynamicValue(async (ctx) => (await get(ctx, HOTPATCH))[name])
        .inSingletonScope();
    }
    bind<HotpatchServices[typeof HTTP_APP]>(HTTP_APP)
      .toDynamicValue(async (ctx) =>
        createHttp(await get(ctx, CONFIG), await get(ctx, HOTPATCH), await get(ctx, OBJECT_STORE), await get(ctx, LOGGER), await get(ctx, PROVIDER_STORE)),
      )
      .inSingletonScope();
    bind<HotpatchServices[typeof APP]>(APP)
      .toDynamicValue(async (ctx) =>
        assembleApp({
          config: await get(ctx, CONFIG),
          hotpatch: await get(ctx, HOTPATCH),
          store: await get(ctx, OBJECT_STORE),
          logger: await get(ctx, LOGGER),
          http: await get(ctx, HTTP_APP),
          trigger: await get(ctx, DROP_ZONE_TRIGGER),
        }),
      )
      .inSingletonScope();
  });
}

/** A container holding hotpatch (the default composition of the Node server, FC and Lambda). */
export function createHotpatchContainer(config: HotpatchConfig, runtime: AppRuntime = {}): Container {
  const container = new Container();
  container.load(hotpatchModule(config, runtime));
  return container;
}

/** Resolves a token from a container that loaded hotpatchModule, typed by the token. */
export function resolveHotpatch<K extends HotpatchToken>(container: Container, token: K): Promise<HotpatchServices[K]> {
  return container.getAsync<HotpatchServices[K]>(token);
}
