import OSS from "ali-oss";
import { StorageError } from "@hotpatch/core";
import { OssObjectStore, RotatingCredentials, UnsafeBucketError } from "@hotpatch/provider-alibaba";
import { DEFAULT_EMULATOR_ACCOUNT, startOssEmulator, type OssEmulator } from "@hotpatch/provider-alibaba/testing";
import { afterEach, describe, expect, it } from "vitest";
import { BUCKET } from "../support/emulated-oss.js";

/** ali-oss itself, for the parts of the wire protocol the store never sends. */
function rawClient(emulator: OssEmulator, overrides: Record<string, unknown> = {}): OSS {
  const options = {
    bucket: BUCKET,
    region: `oss-${emulator.region}`,
    endpoint: emulator.url,
    sldEnable: true,
    ...DEFAULT_EMULATOR_ACCOUNT,
    ...overrides,
  };
  return new OSS(options as OSS.Options);
}

async function rejection(promise: Promise<unknown>): Promise<{ code?: string; status?: number; name?: string; message: string; cause?: unknown }> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error, "expected a rejection").toBeInstanceOf(Error);
  return error as { code?: string; status?: number; message: string };
}

let emulators: OssEmulator[] = [];
async function emulator(options: Parameters<typeof startOssEmulator>[0] = {}): Promise<OssEmulator> {
  const started = await startOssEmulator({ buckets: [BUCKET], ...options });
  emulators.push(started);
  return started;
}
afterEach(async () => {
  await Promise.all(emulators.map((e) => e.close()));
  emulators = [];
});

describe("OSS emulator: authentication", () => {
  it.each([false, true])("refuses a wrong secret with 403 SignatureDoesNotMatch (signature V4: %s)", async (v4) => {
    const oss = await emulator();
    const client = rawClient(oss, { accessKeySecret: "not-the-secret", authorizationV4: v4 });
    const error = await rejection(client.put("a.txt", Buffer.from("x")));
    expect(error).toMatchObject({ status: 403, code: "SignatureDoesNotMatch" });
    expect(oss.bucket(BUCKET).objects.size).toBe(0);
    // The right secret passes, so the refusal above was the signature.
    await rawClient(oss, { authorizationV4: v4 }).put("a.txt", Buffer.from("x"));
    expect(oss.bucket(BUCKET).objects.size).toBe(1);
  });

  it("refuses an unknown AccessKey ID, an unsigned write and a clock 20 minutes off", async () => {
    const oss = await emulator({ now: () => Date.now() + 20 * 60_000 });
    expect(await rejection(rawClient(oss).put("a", Buffer.from("x")))).toMatchObject({ status: 403, code: "RequestTimeTooSkewed" });
    const fresh = await emulator();
    expect(await rejection(rawClient(fresh, { accessKeyId: "WHO" }).put("a", Buffer.from("x")))).toMatchObject({ status: 403, code: "InvalidAccessKeyId" });
    const anonymous = await fetch(`${fresh.url}/${BUCKET}/a`, { method: "PUT", body: "x" });
    expect(anonymous.status).toBe(403);
    expect(await anonymous.text()).toContain("<Code>AccessDenied</Code>");
  });

  it("wraps a refused signature as StorageError without the secret, keeping the SDK error as cause", async () => {
    const oss = await emulator();
    const store = new OssObjectStore(
      rawClient(oss, { accessKeySecret: "wrong-secret-value", authorizationV4: true }) as unknown as ConstructorParameters<typeof OssObjectStore>[0],
    );
    const error = await rejection(store.put("k", new Uint8Array([1])));
    expect(error).toBeInstanceOf(StorageError);
    expect(error.message).toContain("SignatureDoesNotMatch");
    expect(error.message).not.toContain("wrong-secret-value");
    expect(error.cause).toMatchObject({ code: "SignatureDoesNotMatch", status: 403 });
    expect(JSON.stringify(error.cause)).not.toContain("wrong-secret-value");
    expect((error.cause as { params?: unknown }).params).toBeUndefined();
  });

  it("checks the STS token and follows rotating credentials", async () => {
    const first = { accessKeyId: "STSKEY1", accessKeySecret: "sts-secret-1", securityToken: "token-1" };
    const oss = await emulator({ accounts: [first, { accessKeyId: "STSKEY2", accessKeySecret: "sts-secret-2", securityToken: "token-2" }] });
    const credentials = new RotatingCredentials(first);
    const store = await OssObjectStore.open({ bucket: BUCKET, region: oss.region, endpoint: oss.url, pathStyle: true, credentials, credentialsRefreshMs: 1 });
    await store.put("one", new Uint8Array([1]));
    credentials.update({ accessKeyId: "STSKEY2", accessKeySecret: "sts-secret-2", securityToken: "token-2" });
    await new Promise((resolve) => setTimeout(resolve, 5));
    await store.put("two", new Uint8Array([2]));
    expect([...oss.bucket(BUCKET).objects.keys()].sort()).toEqual(["one", "two"]);
    const forged = rawClient(oss, { ...first, stsToken: "token-2", refreshSTSToken: async () => ({ ...first, stsToken: "token-2" }) });
    expect(await rejection(forged.put("three", Buffer.from("x")))).toMatchObject({ status: 403, code: "AccessDenied" });
  });
});

describe("OSS emulator: writes", () => {
  it.each(["If-Match", "If-None-Match", "If-Modified-Since", "If-Unmodified-Since"])("answers %s on PUT with 400 NotImplemented and writes nothing", async (header) => {
    const oss = await emulator();
    const client = rawClient(oss);
    await client.put("k", Buffer.from("original"));
    const error = await rejection(client.put("k", Buffer.from("changed"), { headers: { [header]: header.endsWith("Since") ? new Date().toUTCString() : '"abc"' } }));
    expect(error).toMatchObject({ status: 400, code: "NotImplemented" });
    expect(oss.bucket(BUCKET).objects.get("k")?.body.toString()).toBe("original");
  });

  it("answers x-oss-forbid-overwrite on an existing key with 409 FileAlreadyExists, also for CopyObject", async () => {
    const oss = await emulator();
    const client = rawClient(oss);
    await client.put("k", Buffer.from("first"));
    await client.put("other", Buffer.from("other"));
    const forbid = { "x-oss-forbid-overwrite": "true" };
    expect(await rejection(client.put("k", Buffer.from("second"), { headers: forbid }))).toMatchObject({ status: 409, code: "FileAlreadyExists" });
    // ali-oss's copy() renames option headers to x-oss-copy-source-*, so the copy is sent as a raw PUT.
    const copyOver = client.put("k", Buffer.alloc(0), { headers: { ...forbid, "x-oss-copy-source": `/${BUCKET}/other` } });
    expect(await rejection(copyOver)).toMatchObject({ status: 409, code: "FileAlreadyExists" });
    expect(oss.bucket(BUCKET).objects.get("k")?.body.toString()).toBe("first");
    await client.put("fresh", Buffer.alloc(0), { headers: { ...forbid, "x-oss-copy-source": `/${BUCKET}/other` } });
    expect(oss.bucket(BUCKET).objects.get("fresh")?.body.toString()).toBe("other");
  });

  it("ignores x-oss-forbid-overwrite on a versioned bucket, and the store refuses to open on one", async () => {
    const oss = await emulator({ buckets: [{ name: BUCKET, versioning: "Enabled" }] });
    const client = rawClient(oss);
    await client.put("k", Buffer.from("first"));
    await client.put("k", Buffer.from("second"), { headers: { "x-oss-forbid-overwrite": "true" } });
    expect(oss.bucket(BUCKET).objects.get("k")?.body.toString()).toBe("second");
    const open = OssObjectStore.open({ bucket: BUCKET, region: oss.region, endpoint: oss.url, pathStyle: true, credentials: DEFAULT_EMULATOR_ACCOUNT });
    const error = await rejection(open);
    expect(error).toBeInstanceOf(UnsafeBucketError);
    expect(error.message).toMatch(/versioning Enabled.*x-oss-forbid-overwrite/);
    oss.setVersioning(BUCKET, "Suspended");
    expect(await rejection(OssObjectStore.open({ bucket: BUCKET, region: oss.region, endpoint: oss.url, pathStyle: true, credentials: DEFAULT_EMULATOR_ACCOUNT }))).toBeInstanceOf(UnsafeBucketError);
    oss.setVersioning(BUCKET, undefined);
    await expect(OssObjectStore.open({ bucket: BUCKET, region: oss.region, endpoint: oss.url, pathStyle: true, credentials: DEFAULT_EMULATOR_ACCOUNT })).resolves.toBeInstanceOf(OssObjectStore);
  });

  it("copies an object with its metadata (COPY) or with new metadata (REPLACE)", async () => {
    const oss = await emulator();
    const client = rawClient(oss);
    await client.put("src.txt", Buffer.from("payload"), { mime: "text/plain", meta: { owner: "a" } as unknown as OSS.UserMeta });
    const copied = await client.copy("dst.txt", "src.txt");
    expect(copied.data?.etag).toBe(oss.bucket(BUCKET).objects.get("src.txt")?.etag);
    expect((await client.head("dst.txt")).meta).toEqual({ owner: "a" });
    await client.copy("dst2.txt", "src.txt", { meta: { owner: "b" } as unknown as OSS.UserMeta });
    expect((await client.head("dst2.txt")).meta).toEqual({ owner: "b" });
    expect((await client.get("dst2.txt")).content.toString()).toBe("payload");
    expect(await rejection(client.copy("x", "missing"))).toMatchObject({ status: 404, code: "NoSuchKey" });
  });

  it("checks Content-MD5", async () => {
    const oss = await emulator();
    const error = await rejection(rawClient(oss).put("k", Buffer.from("body"), { headers: { "Content-MD5": "AAAAAAAAAAAAAAAAAAAAAA==" } }));
    expect(error).toMatchObject({ status: 400, code: "InvalidDigest" });
  });
});

describe("OSS emulator: reads and lists", () => {
  it("answers a missing key with NoSuchKey XML on GET and a bare 404 with x-oss-err on HEAD", async () => {
    const oss = await emulator({ buckets: [{ name: BUCKET, publicRead: true }] });
    const get = await fetch(`${oss.url}/${BUCKET}/missing`);
    expect(get.status).toBe(404);
    expect(get.headers.get("x-oss-request-id")).toMatch(/^[0-9A-F]{24}$/);
    expect(await get.text()).toMatch(/<Code>NoSuchKey<\/Code>[\s\S]*<Key>missing<\/Key>/);
    const head = await fetch(`${oss.url}/${BUCKET}/missing`, { method: "HEAD" });
    expect(head.status).toBe(404);
    expect(Buffer.from(head.headers.get("x-oss-err") ?? "", "base64").toString()).toContain("<Code>NoSuchKey</Code>");
  });

  it("honours GET conditionals and ranges", async () => {
    const oss = await emulator();
    const client = rawClient(oss);
    await client.put("k", Buffer.from("0123456789"));
    const etag = oss.bucket(BUCKET).objects.get("k")!.etag;
    expect((await client.get("k", { headers: { "If-None-Match": etag } })).res.status).toBe(304);
    expect(await rejection(client.get("k", { headers: { "If-Match": '"0000"' } }))).toMatchObject({ status: 412, code: "PreconditionFailed" });
    const ranged = await client.get("k", { headers: { Range: "bytes=2-4" } });
    expect(ranged.res.status).toBe(206);
    expect(ranged.content.toString()).toBe("234");
  });

  it("pages ListObjectsV2 by at most 1000 keys, with common prefixes and continuation tokens", async () => {
    const oss = await emulator();
    const client = rawClient(oss);
    for (const key of ["a/1", "a/2", "b/x/1", "b/x/2", "b/y", "c"]) await client.put(key, Buffer.from(key));
    const first = await client.listV2({ delimiter: "/", "max-keys": "2" } as OSS.ListV2ObjectsQuery);
    expect(first.prefixes).toEqual(["a/", "b/"]);
    expect(first.isTruncated).toBe(true);
    const second = await client.listV2({ delimiter: "/", "max-keys": "2", "continuation-token": first.nextContinuationToken } as OSS.ListV2ObjectsQuery);
    expect(second.objects.map((o) => o.name)).toEqual(["c"]);
    expect(second.isTruncated).toBe(false);
    const after = await client.listV2({ prefix: "b/", "start-after": "b/x/1" } as OSS.ListV2ObjectsQuery);
    expect(after.objects.map((o) => o.name)).toEqual(["b/x/2", "b/y"]);
    expect(await rejection(client.listV2({ "max-keys": "1001" } as OSS.ListV2ObjectsQuery))).toMatchObject({ status: 400, code: "InvalidArgument" });
  });

  it("serves presigned V1 and V4 URLs, refuses tampered or expired ones, and anonymous reads of a private bucket", async () => {
    const oss = await emulator();
    const client = rawClient(oss);
    await client.put("dir/a b+c.txt", Buffer.from("hello"));
    const v1 = client.signatureUrl("dir/a b+c.txt", { expires: 60 });
    expect(await (await fetch(v1)).text()).toBe("hello");
    const v4 = await client.signatureUrlV4("GET", 60, { headers: {}, queries: {} }, "dir/a b+c.txt");
    expect(await (await fetch(v4)).text()).toBe("hello");
    expect((await fetch(v4.replace("a%20b", "a%20c"))).status).toBe(403);
    expect((await fetch(v1.replace(/Expires=\d+/, "Expires=1"))).status).toBe(403);
    expect((await fetch(`${oss.url}/${BUCKET}/dir/a%20b%2Bc.txt`)).status).toBe(403);
  });

  it("serves anonymous reads from a public-read bucket, never anonymous writes", async () => {
    const oss = await emulator({ buckets: [{ name: BUCKET, publicRead: true }] });
    await rawClient(oss).put("pub", Buffer.from("open"));
    expect(await (await fetch(`${oss.url}/${BUCKET}/pub`)).text()).toBe("open");
    expect((await fetch(`${oss.url}/${BUCKET}/pub`, { method: "DELETE" })).status).toBe(403);
  });

  it("also understands virtual-hosted requests (ali-oss against an IP endpoint)", async () => {
    const oss = await emulator();
    const client = rawClient(oss, { endpoint: oss.ipUrl, sldEnable: false, authorizationV4: true });
    await client.put("dir/v.txt", Buffer.from("vhost"), { meta: { a: "1" } as unknown as OSS.UserMeta });
    expect(oss.bucket(BUCKET).objects.get("dir/v.txt")?.body.toString()).toBe("vhost");
    expect((await client.get("dir/v.txt")).content.toString()).toBe("vhost");
  });
});

describe("OSS emulator: trigger", () => {
  it("delivers the documented OSS-trigger payload for created objects under the prefix only", async () => {
    const payloads: Buffer[] = [];
    const oss = await emulator({ triggers: [{ prefix: "src/", deliver: (payload) => payloads.push(payload) }] });
    const client = rawClient(oss);
    await client.put("src/app/Staging/a b.zip", Buffer.from("zip"));
    await client.put("packages/x", Buffer.from("zip"));
    await client.delete("src/app/Staging/a b.zip");
    expect(payloads).toHaveLength(1);
    const event = JSON.parse(payloads[0]!.toString("utf8"));
    expect(event.events[0]).toMatchObject({
      eventName: "ObjectCreated:PutObject",
      eventSource: "acs:oss",
      region: "cn-hangzhou",
      oss: { bucket: { name: BUCKET }, object: { key: "src/app/Staging/a%20b.zip", size: 3, eTag: expect.stringMatching(/^[0-9A-F]{32}$/) } },
    });
  });
});
