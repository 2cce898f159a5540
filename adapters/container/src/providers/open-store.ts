import type { AppRuntime } from "../app/app-runtime.js";
import type { HotpatchConfig } from "../config/hotpatch-config.js";
import { openLocalStore } from "./local-store.js";
import { openOssStore } from "./oss-store.js";
import type { ProviderStore } from "./provider-store.js";
import { openS3Store } from "./s3-store.js";

/** The one place the provider is picked. Each opener imports its cloud SDK only when chosen. */
export function openStore(config: HotpatchConfig, runtime: AppRuntime): Promise<ProviderStore> {
  switch (config.provider) {
    case "local":
      return openLocalStore(config, runtime);
    case "alibaba":
      return openOssStore(config, runtime);
    case "aws":
      return openS3Store(config);
  }
}
