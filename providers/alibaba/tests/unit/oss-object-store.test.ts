import { InvalidRequestError, StorageError } from "@hotpatch/core";
import { InvalidAlibabaOptionsError, OssObjectStore, type OssClient } from "@hotpatch/provider-alibaba";
import { describe, expect, it } from "vitest";

/** An error shaped like the ones ali-oss throws (name `<Code>Error`, code, status, request params). */
function ossError(code: string, status: number): Error {
  return Object.assign(new Error(`${code} message from OSS`), {
    name: `${code}Error`,
    code,
    status,
    requestId: "5C3D8D2A0ACA54D87B430000",
    params: { headers: { "x-oss-security-token": "sts-token-value", authorization: "OSS4-HMAC-SHA256 ..." } },
  });
}

function failingClient(error: Error): OssClient {
  const fail = async (): Promise<never> => {
    throw error;
  };
  return { put: fail, get: fail, getStream: fail, head: fail, delete: fail, listV2: fail, signatureUrlV4: fail, getBucketVersioning: fail };
}

describe("OssObjectStore error mapping (no network)", () => {
  it("maps NoSuchKey to null on get, head and openRead, and to success on delete", async () => {
    const store = new OssObjectStore(failingClient(ossError("NoSuchKey", 404)));
    expect(await store.get("a/b")).toBeNull();
    expect(await store.head("a/b")).toBeNull();
    expect(await store.openRead("a/b")).toBeNull();
    await expect(store.delete("a/b")).resolves.toBeUndefined();
  });

  it("maps FileAlreadyExists (409) to null from putIfAbsent, but to StorageError from put", async () => {
    const store = new OssObjectStore(failingClient(ossError("FileAlreadyExists", 409)));
    expect(await store.putIfAbsent("a/b", new Uint8Array([1]))).toBeNull();
    await expect(store.put("a/b", new Uint8Array([1]))).rejects.toBeInstanceOf(StorageError);
  });

  it.each([
    ["AccessDenied", 403, /RAM policy/],
    ["SignatureDoesNotMatch", 403, /AccessKey ID and secret/],
    ["InvalidAccessKeyId", 403, /AccessKey ID and secret/],
    ["NoSuchBucket", 404, /bucket does not exist/],
    ["InternalError", 500, /InternalError \(HTTP 500/],
  ])("wraps %s as StorageError with the SDK error as cause, minus its request headers", async (code, status, pattern) => {
    const store = new OssObjectStore(failingClient(ossError(code, status)));
    for (const attempt of [() => store.get("k"), () => store.put("k", new Uint8Array()), () => store.list("p/"), () => store.downloadUrl("k")]) {
      const error = await attempt().then(
        () => undefined,
        (e: unknown) => e as StorageError,
      );
      expect(error).toBeInstanceOf(StorageError);
      expect(error?.code).toBe("storage_error");
      expect(error?.message).toMatch(pattern);
      expect(error?.message).toContain(code);
      expect((error?.cause as { code?: string }).code).toBe(code);
      expect((error?.cause as { params?: unknown }).params).toBeUndefined();
      expect(JSON.stringify(error?.cause)).not.toContain("sts-token-value");
    }
  });

  it("names a network failure as such", async () => {
    const network = Object.assign(new Error("connect ECONNREFUSED"), { name: "RequestError", status: -1, code: "RequestError" });
    const error = await new OssObjectStore(failingClient(network)).head("k").catch((e: unknown) => e as Error);
    expect(error).toBeInstanceOf(StorageError);
    expect((error as Error).message).toMatch(/did not answer/);
  });

  it("validates keys, bodies and metadata before any request", async () => {
    const store = new OssObjectStore(failingClient(new Error("must not be called")));
    await expect(store.put("../x", new Uint8Array())).rejects.toBeInstanceOf(InvalidRequestError);
    await expect(store.put("x", "text" as never)).rejects.toBeInstanceOf(InvalidRequestError);
    await expect(store.put("x", new Uint8Array(), { metadata: { "bad key": "v" } })).rejects.toBeInstanceOf(InvalidRequestError);
    await expect(store.put("x", new Uint8Array(), { metadata: { k: "ünïcode" } })).rejects.toBeInstanceOf(InvalidRequestError);
    await expect(store.put("x", new Uint8Array(), { metadata: { big: "x".repeat(9000) } })).rejects.toBeInstanceOf(InvalidRequestError);
    await expect(store.list("p/", { limit: -1 })).rejects.toBeInstanceOf(InvalidRequestError);
  });

  it("builds public download URLs with each key segment percent-encoded", async () => {
    const store = new OssObjectStore(failingClient(new Error("must not be called")), { publicBaseUrl: "https://cdn.example.test/ota" });
    expect(await store.downloadUrl("packages/a b+c")).toBe("https://cdn.example.test/ota/packages/a%20b%2Bc");
  });
});

describe("OssObjectStore.open options", () => {
  const base = { bucket: "my-bucket", region: "cn-hangzhou", credentials: { accessKeyId: "id", accessKeySecret: "s3cr3t-value" } };

  it.each([
    [{ ...base, bucket: "No_Such" }, /bucket/],
    [{ ...base, region: "" }, /region/],
    [{ ...base, credentials: undefined }, /credentials/],
    [{ ...base, credentials: { accessKeyId: "id", accessKeySecret: "" } }, /accessKeySecret/],
    [{ ...base, signatureVersion: "v2" }, /signatureVersion/],
    [{ ...base, signedUrlExpirySeconds: 8 * 24 * 3600 }, /7 days/],
    [{ ...base, publicBaseUrl: "ftp://x" }, /publicBaseUrl/],
    [{ ...base, bukket: "typo" }, /bukket/],
  ])("refuses %j naming the field, before any request", async (options, pattern) => {
    const error = await OssObjectStore.open(options as never).then(
      () => new Error("open should have refused the options"),
      (e: unknown) => e as Error,
    );
    expect(error).toBeInstanceOf(InvalidAlibabaOptionsError);
    expect(error.message).toMatch(pattern);
    expect(error.message).not.toContain("s3cr3t-value");
  });
});

describe("download URLs from a function that talks to OSS over the internal endpoint", () => {
  it("are presigned for the public endpoint, which devices can reach", async () => {
    const { OssObjectStore: Store } = await import("../../src/oss/oss-object-store.js");
    // open() checks versioning first; answer that check without a network.
    const { createAliOssClient } = await import("../../src/oss/oss-client.js");
    const config = { bucket: "hotpatch-bucket", region: "cn-hangzhou", accessKeyId: "id", accessKeySecret: "secret", refreshIntervalMs: 60_000, internal: true, secure: true, pathStyle: false, signatureV4: true, timeoutMs: 1000 };
    const internal = createAliOssClient(config);
    const signer = createAliOssClient({ ...config, internal: false });
    const store = new Store(internal, { signer });
    const url = new URL(await store.downloadUrl("packages/abc"));
    expect(url.hostname).toBe("hotpatch-bucket.oss-cn-hangzhou.aliyuncs.com");
    const naive = new URL(await new Store(internal).downloadUrl("packages/abc"));
    expect(naive.hostname).toContain("-internal");
  });
});
