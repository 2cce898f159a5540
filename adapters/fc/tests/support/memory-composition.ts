import { createHotpatch, type Hotpatch } from "@hotpatch/core";
import { silentLogger } from "@hotpatch/core/testing";
import type { FcHttpInstance, FcIngestInstance } from "@hotpatch/fc";
import { createHttpApp } from "@hotpatch/http";
import { OssTriggerDecoder } from "@hotpatch/provider-alibaba";
import { MemoryObjectStore } from "@hotpatch/provider-local";

/** hotpatch over a memory store, shaped as the FC handlers' per-instance compositions. */
export function memoryComposition(): { hotpatch: Hotpatch; store: MemoryObjectStore; http: FcHttpInstance; ingest: FcIngestInstance } {
  const store = new MemoryObjectStore({ publicBaseUrl: "https://ota.example.test" });
  const hotpatch = createHotpatch({ store, logger: silentLogger });
  const afterInvoke = async (): Promise<void> => {
    await hotpatch.diffs.idle();
    await hotpatch.metrics.flush();
  };
  return {
    hotpatch,
    store,
    http: { app: createHttpApp({ hotpatch, store, logger: silentLogger, serveStorage: true }), afterInvoke },
    ingest: { ingest: hotpatch.ingest, decoder: new OssTriggerDecoder(), logger: silentLogger, afterInvoke },
  };
}
