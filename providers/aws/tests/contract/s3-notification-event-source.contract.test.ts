import { eventSourceContract } from "@hotpatch/core/testing";
import { S3NotificationEventSource } from "@hotpatch/provider-aws";
import { startS3TestServer, type S3TestServer } from "@hotpatch/provider-aws/testing";
import { afterAll, beforeAll } from "vitest";

/**
 * The EventSource contract for the S3 trigger path: writes through client-s3 land in s3rver, whose own
 * bucket notifications (re-encoded with URL-encoded keys, as S3 sends them) reach the source the way the
 * Lambda S3 handler feeds it. Losing putIfAbsents never reach s3rver (the proxy answers 412/409), so they
 * raise nothing, as on S3. Notifications arrive over IPC, so the suite polls instead of settling.
 */
let server: S3TestServer;
beforeAll(async () => {
  server = await startS3TestServer();
});
afterAll(async () => {
  await server?.close();
});

eventSourceContract(
  "S3NotificationEventSource fed by s3rver notifications",
  async () => {
    const store = await server.store();
    const source = new S3NotificationEventSource();
    const stop = server.onNotification((notification) => {
      if (notification.Records.some((record) => record.s3.bucket.name !== store.bucket)) return;
      // The platform's side of a failed delivery (a retry) is not part of this contract.
      source.dispatch(notification).catch(() => undefined);
    });
    return { source, store, cleanup: async () => void stop() };
  },
  { quietPeriodMs: 150 },
);
