import { acceptanceContract } from "@hotpatch/core/testing";
import { lambdaAcceptanceFixture, type LambdaHttpTransport } from "@hotpatch/lambda/testing";
import { startS3TestServer, type S3TestServer } from "@hotpatch/provider-aws/testing";
import { afterAll, beforeAll } from "vitest";

/**
 * The core acceptance suite through the Lambda handlers (in-process), over S3ObjectStore (client-s3)
 * against the S3 test server on 127.0.0.1: s3rver for the S3 protocol, its proxy for conditional writes
 * (the 20 concurrent releases depend on `If-None-Match: *`). The CLI's and devices' requests arrive as API
 * Gateway REST (payload 1.0) or HTTP API (2.0) events. Drops are put into s3rver, and s3rver's own bucket
 * notification (re-encoded as S3 sends it) goes to the S3 function — then a second time, as S3's
 * at-least-once delivery may.
 *
 * The Lambda handlers finish diff builds before they return (the container is frozen afterwards), so a
 * device on the previous release is always offered a diff package: the suite requires and applies it.
 */
let server: S3TestServer;
beforeAll(async () => {
  server = await startS3TestServer();
});
afterAll(async () => {
  await server?.close();
});

function overS3(http: LambdaHttpTransport) {
  return async () => {
    const store = await server.store();
    return lambdaAcceptanceFixture({
      store,
      bucket: store.bucket,
      http,
      notifications: (listener) => server.onNotification(listener),
    });
  };
}

acceptanceContract("Lambda handlers: API Gateway REST events (payload 1.0), S3 notifications, S3 via s3rver", overS3("api-gateway-v1"), { dropZone: true, expectDiffs: true });
acceptanceContract("Lambda handlers: HTTP API events (payload 2.0), S3 notifications, S3 via s3rver", overS3("http-api-v2"), { dropZone: true, expectDiffs: true });
