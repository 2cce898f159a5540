import { PassThrough } from "node:stream";
import { CreateBucketCommand, PutObjectCommand, S3ServiceException } from "@aws-sdk/client-s3";
import { StorageError } from "@hotpatch/core";
import { S3ObjectStore } from "@hotpatch/provider-aws";
import { startS3TestServer, type S3TestServer } from "@hotpatch/provider-aws/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const utf8 = (text: string) => new TextEncoder().encode(text);

let server: S3TestServer;
beforeAll(async () => {
  server = await startS3TestServer();
});
afterAll(async () => {
  await server?.close();
});

async function errorOf(promise: Promise<unknown>): Promise<S3ServiceException> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(S3ServiceException);
  return error as S3ServiceException;
}

describe("s3rver alone (why the test server has a proxy)", () => {
  it("ignores If-None-Match: * and overwrites the object", async () => {
    const client = server.client(server.s3rverEndpoint);
    const bucket = `raw-${Date.now()}`;
    await client.send(new CreateBucketCommand({ Bucket: bucket }));
    const store = new S3ObjectStore({ client, bucket });
    expect(await store.putIfAbsent("k", utf8("first"))).not.toBeNull();
    // S3 would answer 412; s3rver accepts the write.
    expect(await store.putIfAbsent("k", utf8("second"))).not.toBeNull();
    expect(Buffer.from((await store.get("k"))!.body).toString()).toBe("second");
  });
});

describe("the S3-semantics proxy in front of s3rver", () => {
  it("answers a conditional PUT on an existing key with 412 PreconditionFailed, as S3 does", async () => {
    const bucket = await server.createBucket();
    const client = server.client();
    await client.send(new PutObjectCommand({ Bucket: bucket, Key: "k", Body: "first" }));
    const before = server.counters.preconditionFailed;
    const error = await errorOf(client.send(new PutObjectCommand({ Bucket: bucket, Key: "k", Body: "second", IfNoneMatch: "*" })));
    expect(error.name).toBe("PreconditionFailed");
    expect(error.$metadata.httpStatusCode).toBe(412);
    expect(server.counters.preconditionFailed).toBe(before + 1);
  });

  it("answers concurrent conditional PUTs of one key with 409 ConditionalRequestConflict; the store reads both as lost", async () => {
    const store = await server.store();
    const before = server.counters.conditionalConflicts;
    const results = await Promise.all(Array.from({ length: 8 }, (_, i) => store.putIfAbsent("race", utf8(`body ${i}`))));
    expect(results.filter((result) => result !== null)).toHaveLength(1);
    expect(server.counters.conditionalConflicts).toBeGreaterThan(before);
    // A slow conditional upload holds the key while a second one arrives: that one gets S3's 409.
    const slowBody = new PassThrough();
    const slow = server.client().send(new PutObjectCommand({ Bucket: store.bucket, Key: "race2", Body: slowBody, ContentLength: 2, IfNoneMatch: "*" }));
    slowBody.write("a");
    await new Promise((resolve) => setTimeout(resolve, 100));
    const raw = await errorOf(server.client().send(new PutObjectCommand({ Bucket: store.bucket, Key: "race2", Body: "b", IfNoneMatch: "*" })));
    expect(raw.name).toBe("ConditionalRequestConflict");
    expect(raw.$metadata.httpStatusCode).toBe(409);
    slowBody.end("a");
    await slow;
    expect(Buffer.from((await store.get("race2"))!.body).toString()).toBe("aa");
  });

  it("refuses If-Match on PUT (not emulated) instead of silently ignoring it", async () => {
    const bucket = await server.createBucket();
    const error = await errorOf(server.client().send(new PutObjectCommand({ Bucket: bucket, Key: "k", Body: "x", IfMatch: '"abc"' })));
    expect(error.$metadata.httpStatusCode).toBe(501);
  });
});

describe("S3ObjectStore against the test server", () => {
  it("maps a missing bucket to StorageError naming S3's error, with the SDK error as cause", async () => {
    const store = new S3ObjectStore({ client: server.client(), bucket: "no-such-bucket-here" });
    const error = await store.put("a", utf8("x")).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StorageError);
    expect((error as StorageError).message).toBe('S3 PutObject on "a" in bucket "no-such-bucket-here" failed: NoSuchBucket (HTTP 404)');
    expect((error as StorageError).cause).toBeInstanceOf(S3ServiceException);
    await expect(store.get("a")).rejects.toBeInstanceOf(StorageError);
    await expect(store.list("")).rejects.toThrow(/ListObjectsV2 .* NoSuchBucket/);
  });

  it("serves presigned download URLs a device can GET", async () => {
    const store = await server.store({ defaultExpirySeconds: 300 });
    await store.put("packages/a b+c", utf8("zip bytes"), { contentType: "application/zip" });
    const url = await store.downloadUrl("packages/a b+c");
    expect(new URL(url).searchParams.get("X-Amz-Expires")).toBe("300");
    const response = await fetch(url);
    expect(response.status).toBe(200);
    expect(await response.text()).toBe("zip bytes");
  });
});
