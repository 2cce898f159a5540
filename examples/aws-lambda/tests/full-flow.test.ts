import { acceptanceContract } from "@hotpatch/core/testing";
import { API_SHAPES, apiBaseUrl, lambdaAcceptanceFixture } from "@hotpatch/lambda/testing";
import { MemoryObjectStore } from "@hotpatch/provider-local";

/**
 * The example's full flow through the Lambda handlers on the memory provider: the CLI's and devices'
 * requests as HTTP API (2.0) events — package downloads included, served by the function as base64
 * bodies — and releases dropped under src/ entering as S3 notifications, delivered twice. Diff
 * packages are ready when a handler returns, so the suite requires them.
 */
acceptanceContract(
  "example: the Lambda handlers over the memory store (HTTP API events, S3 notifications)",
  async () => {
    const shape = API_SHAPES["http-api-v2"];
    const store = new MemoryObjectStore({ publicBaseUrl: apiBaseUrl(shape) });
    return lambdaAcceptanceFixture({ store, bucket: "hotpatch-example", http: "http-api-v2", serveStorage: true });
  },
  { dropZone: true, expectDiffs: true },
);
