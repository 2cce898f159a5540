import { acceptanceContract } from "@hotpatch/core/testing";
import { createHttpHandler, createS3Handler, once, runtimeFromEnvironment } from "@hotpatch/lambda";
import { API_SHAPES, HTTP_FUNCTION, S3_FUNCTION, invokeRunnerFixture, startLocalInvokeEndpoint } from "@hotpatch/lambda/testing";
import { LambdaInvoker, createLambdaClient } from "@hotpatch/provider-aws/invoke";
import { S3RVER_CREDENTIALS, startS3TestServer, type S3TestServer } from "@hotpatch/provider-aws/testing";
import { afterAll, beforeAll, vi } from "vitest";

/**
 * The portability runner (invokeRunnerFixture): the acceptance suite knows only two function names, a
 * bucket and an access key, and reaches the functions with client-lambda's InvokeCommand — here through
 * a local Invoke endpoint, in front of a real account in examples/aws-lambda/deployed. Behind the
 * endpoint runs what a stack runs: one container per function, composed from Lambda-style configuration,
 * over S3 (client-s3 → the S3 test server: s3rver, plus its proxy for `If-None-Match: *`). Device and CLI
 * requests arrive as function URL events; drops are put into the bucket and their S3 notification is
 * invoked on the S3 function, twice. Diff packages are off (see acceptance-lambda-events.test.ts).
 */
let server: S3TestServer;
beforeAll(async () => {
  server = await startS3TestServer();
  // The functions find S3 credentials where Lambda puts them.
  vi.stubEnv("AWS_ACCESS_KEY_ID", S3RVER_CREDENTIALS.accessKeyId);
  vi.stubEnv("AWS_SECRET_ACCESS_KEY", S3RVER_CREDENTIALS.secretAccessKey);
});
afterAll(async () => {
  vi.unstubAllEnvs();
  await server?.close();
});

acceptanceContract(
  "invoke runner: InvokeCommand to a local Invoke endpoint, function URL events, S3 via s3rver",
  async () => {
    const store = await server.store();
    const accessKey = "stack_bootstrap_key_0123456789";
    const env = {
      AWS_REGION: "us-east-1",
      HOTPATCH_BUCKET: store.bucket,
      HOTPATCH_ENDPOINT: server.endpoint,
      HOTPATCH_ACCESS_KEY: accessKey,
      HOTPATCH_LOG_LEVEL: "error",
    };
    const endpoint = await startLocalInvokeEndpoint({
      [HTTP_FUNCTION]: createHttpHandler(once(() => runtimeFromEnvironment(env, { bootstrap: true }))),
      [S3_FUNCTION]: createS3Handler(once(() => runtimeFromEnvironment(env))),
    });
    const client = createLambdaClient({ region: "us-east-1", endpoint: endpoint.endpoint, credentials: { accessKeyId: "TESTER", secretAccessKey: "TESTER" } });
    const fixture = invokeRunnerFixture({
      invoker: new LambdaInvoker(client),
      httpFunction: HTTP_FUNCTION,
      s3Function: S3_FUNCTION,
      store,
      bucket: store.bucket,
      accessKey,
      shape: API_SHAPES["function-url"],
    });
    return {
      ...fixture,
      settle: () => endpoint.idle(),
      async cleanup() {
        await fixture.cleanup?.();
        client.destroy();
        await endpoint.close();
      },
    };
  },
  { dropZone: true, expectDiffs: true },
);
