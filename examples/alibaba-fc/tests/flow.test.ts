import { acceptanceContract, dropMetadata, type AcceptanceDriver } from "@hotpatch/core/testing";
import { deploymentFromEnvironment, httpEntryPoints, ossTriggerEntryPoints } from "@hotpatch/fc";
import { fakeFcContext, fcSend, ossTriggerPayload } from "@hotpatch/fc/testing";
import { httpDriver } from "@hotpatch/http/testing";

const BASE = "https://hotpatch-http.cn-hangzhou.fcapp.run";
const ACCESS_KEY = "fc_example_flow_key_0001";

/*
 * The whole flow through the FC entry points of this example (the functions s.yaml deploys), composed
 * by the container from environment variables — here the local in-memory provider instead of OSS,
 * the only difference from a deployment. Management and devices send FC 3.0 HTTP-trigger events,
 * drop-zone packages arrive as OSS-trigger events. On FC diff packages are ready before the handler
 * returns, so the suite requires them.
 */
acceptanceContract(
  "the example's FC entry points, configured for the memory provider (FC 3.0 HTTP events, OSS-trigger events)",
  async () => {
    const deployment = deploymentFromEnvironment({
      HOTPATCH_PROVIDER: "local",
      HOTPATCH_DATA_DIR: ":memory:",
      HOTPATCH_PUBLIC_URL: BASE,
      HOTPATCH_ACCESS_KEY: ACCESS_KEY,
      HOTPATCH_LOG_LEVEL: "error",
    });
    const http = httpEntryPoints(deployment);
    const ingest = ossTriggerEntryPoints(deployment);
    await http.initialize(fakeFcContext());
    const { store } = (await deployment.setup(fakeFcContext())).composition;
    const driver: AcceptanceDriver = {
      ...httpDriver(BASE, ACCESS_KEY, fcSend([http.handler], { kind: "fc3" })),
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
