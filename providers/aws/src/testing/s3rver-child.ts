/// <reference path="./s3rver.d.ts" />
/**
 * Runs s3rver in its own process. It must run with `--openssl-legacy-provider`: s3rver 3.7.1 encrypts
 * ListObjectsV2 continuation tokens with DES, which Node 17+ refuses otherwise (every truncated listing
 * would fail with 500). Talks to its parent over IPC: `ready {port}`, s3rver's `event` notifications.
 */
import S3rver from "s3rver";
import { useS3ListingOrder } from "./s3rver-listing.js";

export type ChildMessage = { type: "ready"; port: number } | { type: "event"; event: unknown } | { type: "failed"; message: string };

const send = (message: ChildMessage): void => {
  process.send?.(message);
};

const directory = process.argv[2];
if (!directory || !process.send) {
  process.stderr.write("usage: forked with an IPC channel and the storage directory as argument\n");
  process.exit(2);
}

useS3ListingOrder();
const server = new S3rver({ address: "127.0.0.1", port: 0, directory, silent: true, allowMismatchedSignatures: false });
server.on("event", (event) => send({ type: "event", event }));
server.run().then(
  ({ port }) => send({ type: "ready", port }),
  (error: unknown) => {
    send({ type: "failed", message: String(error) });
    process.exit(1);
  },
);
// The parent going away (test end, crash) ends this process too: no server outlives its test.
process.on("disconnect", () => {
  void server.close().finally(() => process.exit(0));
});
