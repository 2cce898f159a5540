import type { HotpatchConfig } from "../config/hotpatch-config.js";
import { createLogger } from "../providers/create-logger.js";
import { openStore } from "../providers/open-store.js";
import type { AppRuntime } from "./app-runtime.js";
import { composeHotpatch, createHttp, dropZoneTrigger, useCaseStore } from "./app-parts.js";
import { assembleApp, type HotpatchApp } from "./hotpatch-app.js";

/**
 * The reference composition: configuration → logger and store of the chosen provider → use cases →
 * HTTP app, with no container. The inversify module and the tsyringe registration wire the same
 * steps and must give the same answers (tests/unit/containers-match-create-app.test.ts).
 */
export async function createApp(config: HotpatchConfig, runtime: AppRuntime = {}): Promise<HotpatchApp> {
  const logger = await createLogger(config, runtime);
  const provider = await openStore(config, runtime);
  const trigger = dropZoneTrigger(runtime, logger);
  const store = useCaseStore(provider, trigger);
  const hotpatch = composeHotpatch(config, store, logger, trigger);
  const http = createHttp(config, hotpatch, store, logger, provider);
  return assembleApp({ config, hotpatch, store, logger, http, trigger });
}
