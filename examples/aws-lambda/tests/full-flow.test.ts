import type { Environment } from "@hotpatch/container";
import { acceptanceContract, dropMetadata, type AcceptanceDriver } from "@hotpatch/core/testing";
import { httpDriver } from "@hotpatch/http/testing";
import { createHttpHandler, createS3Handler, once, runtimeFromEnvironment } from "@hotpatch/lambda";
import { API_SHAPES, S3_FUNCTION, apiBaseUrl, directSend, lambdaContext, s3PutNotification } from "@hotpatch/lambda/testing";

const ACCESS_KEY = "lambda_example_flow_key_01";

/*
 * The example's full flow through the Lambda handlers, composed by the container from environment
 * variables — here the local in-memory provider instead of S3, the only difference from a stack.
 * The CLI's and devices' requests arrive as HTTP API (2.0) events — package downloads included,
 * served by the function as base64 bodies — and releases dropped under src/ as S3 notifications,
 * delivered twice. Diff packages are ready when a handler returns, so the suite requires them.
 */
acceptanceContract(
  "example: the Lambda handlers, configured for the memory provider (HTTP API events, S3 notifications)",
  async () => {
    const shape = API_SHAPES["http-api-v2"];
    const env: Environment = {
      HOTPATCH_PROVIDER: "local",
      HOTPATCH_DATA_DIR: ":memory:",
      HOTPATCH_PUBLIC_URL: apiBaseUrl(shape),
      HOTPATCH_ACCESS_KEY: ACCESS_KEY,
      HOTPATCH_LOG_LEVEL: "error",
    };
    // One container serves both functions here, so that they share the memory store.
    const runtime = once(() => runtimeFromEnvironment(env, { bootstrap: true }));
    const http = createHttpHandler(runtime);
    const s3 = createS3Handler(runtime);
    const { store, settle } = await runtime();
    const driver: AcceptanceDriver = {
      ...httpDriver(apiBaseUrl(shape), ACCESS_KEY, directSend(http, shape)),
      async drop(app, deployment, request, options = {}) {
        const info = await store.put(`src/${app}/${deployment}/${request.fileName}`, request.bytes, { contentType: "application/zip", metadata: dropMetadata(request) });
        const notification = s3PutNotification("hotpatch-example", info);
        await s3(notification, lambdaContext(S3_FUNCTION));
        if (options.deliverTwice) await s3(notification, lambdaContext(S3_FUNCTION));
      },
    };
    return { driver, store, settle };
  },
  { dropZone: true, expectDiffs: true },
);
