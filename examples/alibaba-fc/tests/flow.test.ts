import { createHotpatch } from "@hotpatch/core";
import { acceptanceContract, dropMetadata, silentLogger, type AcceptanceDriver } from "@hotpatch/core/testing";
import { httpEntryPoints, ossTriggerEntryPoints, type Deployment } from "@hotpatch/fc";
import { fakeFcContext, fcSend, ossTriggerPayload } from "@hotpatch/fc/testing";
import { httpDriver } from "@hotpatch/http/testing";
import { MemoryObjectStore } from "@hotpatch/provider-local";

const BASE = "https://hotpatch-http.cn-hangzhou.fcapp.run";

/*
 * The whole flow through the FC entry points of this example (the functions s.yaml deploys), on the
 * memory provider: management and devices send FC 3.0 HTTP-trigger events, drop-zone packages arrive
 * as OSS-trigger events. On FC diff packages are ready before the handler returns, so the suite
 * requires them.
 */
acceptanceContract(
  "the example's FC entry points on the memory provider (FC 3.0 HTTP events, OSS-trigger events)",
  async () => {
    const store = new MemoryObjectStore({ publicBaseUrl: BASE });
    const hotpatch = createHotpatch({ store, logger: silentLogger });
    const deployment: Deployment = {
      setup: async () => ({
        composition: {
          hotpatch,
          store,
          logger: silentLogger,
          afterInvoke: async () => {
            await hotpatch.diffs.idle();
            await hotpatch.metrics.flush();
          },
        },
        serveStorage: true,
      }),
    };
    const http = httpEntryPoints(deployment);
    const ingest = ossTriggerEntryPoints(deployment);
    await http.initialize(fakeFcContext());
    const { secret } = await hotpatch.accessKeys.create({ friendlyName: "flow" });
    const driver: AcceptanceDriver = {
      ...httpDriver(BASE, secret, fcSend([http.handler], { kind: "fc3" })),
      async drop(app, deploymentName, request, options = {}) {
        const key = `src/${app}/${deploymentName}/${request.fileName}`;
        const info = await store.put(key, request.bytes, { contentType: "application/zip", metadata: dropMetadata(request) });
        const payload = ossTriggerPayload({ bucket: "hotpatch-bucket", key, etag: info.etag, size: info.size });
        await ingest.handler(payload, fakeFcContext());
        if (options.deliverTwice) await ingest.handler(payload, fakeFcContext());
      },
    };
    return { driver, store };
  },
  { dropZone: true, expectDiffs: true },
);
