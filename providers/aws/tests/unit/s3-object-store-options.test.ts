import { S3Client } from "@aws-sdk/client-s3";
import { InvalidRequestError } from "@hotpatch/core";
import { InvalidOptionsError, MAX_PRESIGNED_EXPIRY_SECONDS, S3ObjectStore } from "@hotpatch/provider-aws";
import { afterAll, describe, expect, it } from "vitest";

// No request is sent in these tests: URL building and option checks are local.
const client = new S3Client({ region: "eu-west-1", credentials: { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "not-a-real-secret" } });
afterAll(() => client.destroy());

describe("S3ObjectStore download URLs", () => {
  it("builds public URLs under the base, each key segment percent-encoded", async () => {
    const store = new S3ObjectStore({ client, bucket: "releases", publicBaseUrl: "https://cdn.hotpatch.test/ota/" });
    expect(await store.downloadUrl("packages/a b+c/ü.zip")).toBe("https://cdn.hotpatch.test/ota/packages/a%20b%2Bc/%C3%BC.zip");
  });

  it("presigns GetObject URLs with the requested lifetime, never exposing the secret key", async () => {
    const store = new S3ObjectStore({ client, bucket: "releases", defaultExpirySeconds: 900 });
    const url = new URL(await store.downloadUrl("packages/abc"));
    expect(url.hostname).toBe("releases.s3.eu-west-1.amazonaws.com");
    expect(url.pathname).toBe("/packages/abc");
    expect(url.searchParams.get("X-Amz-Expires")).toBe("900");
    expect(url.searchParams.get("X-Amz-Credential")).toMatch(/^AKIDEXAMPLE\//);
    expect(url.searchParams.get("X-Amz-Signature")).toMatch(/^[0-9a-f]{64}$/);
    expect(url.toString()).not.toContain("not-a-real-secret");
    const short = new URL(await store.downloadUrl("packages/abc", { expiresInSeconds: 60 }));
    expect(short.searchParams.get("X-Amz-Expires")).toBe("60");
  });

  it("refuses lifetimes S3 cannot sign", async () => {
    const store = new S3ObjectStore({ client, bucket: "releases" });
    await expect(store.downloadUrl("packages/abc", { expiresInSeconds: MAX_PRESIGNED_EXPIRY_SECONDS + 1 })).rejects.toBeInstanceOf(InvalidRequestError);
    await expect(store.downloadUrl("packages/abc", { expiresInSeconds: 0 })).rejects.toBeInstanceOf(InvalidRequestError);
    expect(() => new S3ObjectStore({ client, bucket: "releases", defaultExpirySeconds: 8 * 24 * 3600 })).toThrow(InvalidOptionsError);
  });
});

describe("S3ObjectStore options and input checks", () => {
  const store = new S3ObjectStore({ client, bucket: "releases" });

  it("refuses unknown options, a missing bucket and a bad public base URL", () => {
    expect(() => new S3ObjectStore({ client, bucket: "releases", publicUrl: "x" } as never)).toThrow(/publicUrl/);
    expect(() => new S3ObjectStore({ client, bucket: "" })).toThrow(/bucket/);
    expect(() => new S3ObjectStore({ client, bucket: "b", publicBaseUrl: "https://cdn.test/?x=1" })).toThrow(/query/);
  });

  it("refuses metadata a header cannot carry before sending anything", async () => {
    const body = new Uint8Array([1]);
    await expect(store.put("a/b", body, { metadata: { "bad key": "x" } })).rejects.toThrow(/header token/);
    await expect(store.put("a/b", body, { metadata: { note: "naïve" } })).rejects.toThrow(/printable ASCII/);
    await expect(store.put("a/b", body, { metadata: { A: "1", a: "2" } })).rejects.toThrow(/twice/);
    await expect(store.put("a/b", body, { metadata: { big: "x".repeat(2100) } })).rejects.toThrow(/2048/);
    await expect(store.put("a/b", body, { contentType: "text/plain; charset=ü" })).rejects.toThrow(/contentType/);
    await expect(store.put("a/b", "text" as never)).rejects.toThrow(/Uint8Array/);
    await expect(store.list("", { limit: -1 })).rejects.toThrow(/limit/);
  });
});
