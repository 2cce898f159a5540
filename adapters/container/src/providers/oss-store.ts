import type { AppRuntime } from "../app/app-runtime.js";
import type { AlibabaConfig } from "../config/hotpatch-config.js";
import type { ProviderStore } from "./provider-store.js";

/**
 * OSS through ali-oss. Runtime credentials are the ones the platform rotates (the FC adapter hands in
 * its RotatingCredentials); outside FC they start from ALIBABA_CLOUD_* as read into the configuration.
 */
export async function openOssStore(config: AlibabaConfig, runtime: AppRuntime): Promise<ProviderStore> {
  const { OssObjectStore, RotatingCredentials } = await import("@hotpatch/provider-alibaba");
  const { storage, credentials } = config;
  const store = await OssObjectStore.open({
    bucket: storage.bucket,
    region: storage.region,
    credentials: credentials.source === "static" ? credentials : (runtime.alibabaCredentials ?? new RotatingCredentials(credentials.initial)),
    internal: storage.internal,
    pathStyle: storage.pathStyle,
    ...(storage.endpoint ? { endpoint: storage.endpoint } : {}),
    ...(config.downloads.publicBaseUrl ? { publicBaseUrl: config.downloads.publicBaseUrl } : {}),
    ...(config.downloads.urlTtlSeconds ? { signedUrlExpirySeconds: config.downloads.urlTtlSeconds } : {}),
  });
  return { store, serveStorage: false };
}
