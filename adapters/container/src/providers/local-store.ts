import { join, resolve } from "node:path";
import type { AppRuntime } from "../app/app-runtime.js";
import { ConfigurationError } from "../errors.js";
import type { LocalConfig } from "../config/hotpatch-config.js";
import type { ProviderStore } from "./provider-store.js";

/** The memory store (`:memory:`) or the filesystem store under `<dataDir>/store`, served by the app itself. */
export async function openLocalStore(config: LocalConfig, runtime: AppRuntime): Promise<ProviderStore> {
  const { MemoryObjectStore, FileSystemObjectStore, verifyDownloadSignature } = await import("@hotpatch/provider-local");
  // The app serves /storage/ under its base path, so that is where the download URLs point.
  const serverUrl = config.http.publicUrl ?? runtime.serverUrl;
  const publicBaseUrl = config.downloads.publicBaseUrl ?? (serverUrl ? `${serverUrl}${config.http.basePath ?? ""}` : undefined);
  if (!publicBaseUrl) {
    // A function (FC, Lambda) has no URL of its own to build download links from.
    throw new ConfigurationError([
      { variable: "HOTPATCH_PUBLIC_URL", key: "http.publicUrl", message: "HOTPATCH_PUBLIC_URL (http.publicUrl) is missing: the local provider builds download URLs from it when it does not run as the Node server" },
    ]);
  }
  const secret = config.downloads.signingSecret;
  const options = {
    publicBaseUrl,
    ...(secret ? { signingSecret: secret } : {}),
    ...(config.downloads.urlTtlSeconds ? { defaultExpirySeconds: config.downloads.urlTtlSeconds } : {}),
  };
  const { dataDir } = config.storage;
  const store = dataDir === ":memory:" ? new MemoryObjectStore(options) : await FileSystemObjectStore.open(join(resolve(dataDir), "store"), options);
  return {
    store,
    serveStorage: true,
    ...(secret ? { downloadVerifier: (key: string, query: Record<string, string>) => verifyDownloadSignature(key, query.expires ?? "", query.signature ?? "", secret) } : {}),
  };
}
