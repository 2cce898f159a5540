import { objectStoreContract } from "@hotpatch/core/testing";
import { startS3TestServer, type S3TestServer } from "@hotpatch/provider-aws/testing";
import { afterAll, beforeAll } from "vitest";

/**
 * The ObjectStore contract through @aws-sdk/client-s3 against a real S3-protocol server on 127.0.0.1:
 * s3rver 3.7.1 (HTTP, SigV4 signatures, XML, metadata, listing, presigned GETs) behind the test
 * server's S3-semantics proxy, which supplies what s3rver lacks — `If-None-Match: *` (412, and 409 on a
 * race) for putIfAbsent, and atomic overwrite for the concurrent-put and snapshot-read tests. Listing
 * order is S3's UTF-8 byte order (the test server fixes s3rver's directory-walk order). Each test gets
 * a fresh bucket; download URLs are presigned (public base URLs: tests/unit).
 */
let server: S3TestServer;
beforeAll(async () => {
  server = await startS3TestServer();
});
afterAll(async () => {
  await server?.close();
});

objectStoreContract("S3ObjectStore (client-s3 → proxy → s3rver)", async () => ({ store: await server.store() }));

