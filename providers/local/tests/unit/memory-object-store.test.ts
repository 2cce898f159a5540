import { describe, expect, it } from "vitest";
import { InvalidRequestError } from "@hotpatch/core";
import { MemoryObjectStore } from "@hotpatch/provider-local";

const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);
const options = { publicBaseUrl: "http://127.0.0.1:3000" };

describe("MemoryObjectStore", () => {
  it("gives S3-style ETags: the quoted MD5 hex of the body", async () => {
    const store = new MemoryObjectStore(options);
    const info = await store.put("k", utf8("hello"));
    expect(info.etag).toBe('"5d41402abc4b2a76b9719d911017c592"');
    expect((await store.put("k", utf8("hello"))).etag).toBe(info.etag);
  });

  it("stamps lastModified from its clock and hands out copies of it", async () => {
    let now = new Date("2025-01-01T00:00:00.000Z");
    const store = new MemoryObjectStore({ ...options, now: () => now });
    const info = await store.put("k", utf8("v"));
    info.lastModified.setFullYear(1999);
    info.metadata.injected = "x";
    now = new Date("2025-01-02T00:00:00.000Z");
    const head = await store.head("k");
    expect(head!.lastModified.toISOString()).toBe("2025-01-01T00:00:00.000Z");
    expect(head!.metadata).toEqual({});
  });

  it("hands out plain Uint8Array bodies, even when given a Buffer", async () => {
    const store = new MemoryObjectStore(options);
    await store.put("k", Buffer.from("v"));
    const got = await store.get("k");
    expect(Object.getPrototypeOf(got!.body)).toBe(Uint8Array.prototype);
  });

  it.each([
    ["a non-ASCII metadata value", { metadata: { note: "héllo" } }],
    ["a metadata key that is not a header token", { metadata: { "bad key": "v" } }],
    ["two metadata keys equal but for case", { metadata: { Rev: "1", rev: "2" } }],
    ["more than 2 KB of metadata", { metadata: { big: "x".repeat(2100) } }],
    ["a content type with a newline", { contentType: "text/plain\nX-Evil: 1" }],
  ])("rejects %s like a cloud would, writing nothing", async (_label, putOptions) => {
    const store = new MemoryObjectStore(options);
    await expect(store.put("k", utf8("v"), putOptions)).rejects.toBeInstanceOf(InvalidRequestError);
    await expect(store.putIfAbsent("k", utf8("v"), putOptions)).rejects.toBeInstanceOf(InvalidRequestError);
    expect(await store.list("")).toEqual([]);
  });

  it("rejects a body that is not bytes and a bad list limit", async () => {
    const store = new MemoryObjectStore(options);
    await expect(store.put("k", "text" as never)).rejects.toBeInstanceOf(InvalidRequestError);
    await expect(store.list("", { limit: -1 })).rejects.toBeInstanceOf(InvalidRequestError);
    await expect(store.list("", { limit: 1.5 })).rejects.toBeInstanceOf(InvalidRequestError);
    expect(await store.list("", { limit: 0 })).toEqual([]);
  });

  it("streams large bodies in chunks", async () => {
    const store = new MemoryObjectStore(options);
    await store.put("big", new Uint8Array(200 * 1024));
    const opened = await store.openRead("big");
    const reader = opened!.stream.getReader();
    let chunks = 0;
    for (let read = await reader.read(); !read.done; read = await reader.read()) {
      expect(read.value.byteLength).toBeLessThanOrEqual(64 * 1024);
      chunks++;
    }
    expect(chunks).toBe(4);
  });
});
