import { createHash, randomBytes } from "node:crypto";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { InvalidRequestError } from "../errors.js";
import type { ObjectInfo, ObjectStore } from "../ports/index.js";
import { readStream } from "./streams.js";

export interface ObjectStoreFixture {
  store: ObjectStore;
  /** Called after each test (remove a temp dir, empty a bucket, ...). */
  cleanup?: () => Promise<void>;
}

export type ObjectStoreFactory = () => Promise<ObjectStoreFixture>;

const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);
const compareUtf8 = (a: string, b: string): number => Buffer.compare(Buffer.from(a, "utf8"), Buffer.from(b, "utf8"));

/** Runs `work` over `items` with at most `width` in flight. */
async function inBatches<T>(items: readonly T[], width: number, work: (item: T) => Promise<unknown>): Promise<void> {
  let next = 0;
  const lanes = Array.from({ length: Math.min(width, items.length) }, async () => {
    while (next < items.length) {
      const item = items[next++] as T;
      await work(item);
    }
  });
  await Promise.all(lanes);
}

const INVALID_KEYS: readonly string[] = ["", "../x", "a/../../x", "/abs", "a//b", "a\\b", "a/", ".", "a/./b", "a\u0000b"];

/**
 * The definition of the ObjectStore port: every implementation (memory, filesystem, OSS, S3) runs this
 * suite through `@hotpatch/core/testing` and must pass it with no skips. Each test gets a fresh store
 * from `factory` and calls its `cleanup` afterwards.
 */
export function objectStoreContract(name: string, factory: ObjectStoreFactory): void {
  describe(`ObjectStore contract: ${name}`, () => {
    let fixture: ObjectStoreFixture;
    let store: ObjectStore;

    beforeEach(async () => {
      fixture = await factory();
      store = fixture.store;
    });

    afterEach(async () => {
      await fixture.cleanup?.();
    });

    const expectSameInfo = (actual: ObjectInfo, expected: ObjectInfo): void => {
      expect(actual.key).toBe(expected.key);
      expect(actual.size).toBe(expected.size);
      expect(actual.etag).toBe(expected.etag);
    };

    describe("reading a missing key", () => {
      it("get, head and openRead return null", async () => {
        expect(await store.get("missing/key.json")).toBeNull();
        expect(await store.head("missing/key.json")).toBeNull();
        expect(await store.openRead("missing/key.json")).toBeNull();
      });
    });

    describe("put and get", () => {
      it("round-trips bytes, content type and metadata", async () => {
        const body = utf8('{"hello":"world"}');
        const info = await store.put("apps/demo/app.json", body, {
          contentType: "application/json",
          metadata: { sha256: "abc123", release: "v1" },
        });
        expect(info.key).toBe("apps/demo/app.json");
        expect(info.size).toBe(body.byteLength);
        expect(typeof info.etag).toBe("string");
        expect(info.etag.length).toBeGreaterThan(0);
        expect(info.lastModified).toBeInstanceOf(Date);

        const got = await store.get("apps/demo/app.json");
        expect(got).not.toBeNull();
        expect(Buffer.from(got!.body).equals(Buffer.from(body))).toBe(true);
        expectSameInfo(got!.info, info);
        expect(got!.info.contentType).toBe("application/json");
        expect(got!.info.metadata).toEqual({ sha256: "abc123", release: "v1" });

        const head = await store.head("apps/demo/app.json");
        expect(head).not.toBeNull();
        expectSameInfo(head!, info);
        expect(head!.contentType).toBe("application/json");
        expect(head!.metadata).toEqual({ sha256: "abc123", release: "v1" });
        expect(head!.lastModified).toBeInstanceOf(Date);
        expect(Math.abs(head!.lastModified.getTime() - Date.now())).toBeLessThan(5 * 60_000);
      });

      it("lower-cases metadata keys", async () => {
        await store.put("meta/case", utf8("x"), { metadata: { "X-Release-Label": "v3", AppVersion: "1.2.0" } });
        const head = await store.head("meta/case");
        expect(head!.metadata).toEqual({ "x-release-label": "v3", appversion: "1.2.0" });
        const got = await store.get("meta/case");
        expect(got!.info.metadata).toEqual({ "x-release-label": "v3", appversion: "1.2.0" });
      });

      it("returns empty metadata when none was given", async () => {
        await store.put("meta/none", utf8("x"));
        expect((await store.head("meta/none"))!.metadata).toEqual({});
      });

      it("stores an empty body", async () => {
        const info = await store.put("empty/object", new Uint8Array(0));
        expect(info.size).toBe(0);
        const got = await store.get("empty/object");
        expect(got).not.toBeNull();
        expect(got!.body.byteLength).toBe(0);
        expect(got!.info.size).toBe(0);
        expect((await store.head("empty/object"))!.size).toBe(0);
        const opened = await store.openRead("empty/object");
        expect((await readStream(opened!.stream)).byteLength).toBe(0);
      });

      it("round-trips a 5 MB body through get and openRead", async () => {
        const body = randomBytes(5 * 1024 * 1024 + 17);
        const info = await store.put("packages/big", body, { contentType: "application/zip" });
        expect(info.size).toBe(body.byteLength);
        const got = await store.get("packages/big");
        expect(got!.body.byteLength).toBe(body.byteLength);
        expect(Buffer.from(got!.body).equals(body)).toBe(true);
        const opened = await store.openRead("packages/big");
        const streamed = await readStream(opened!.stream);
        expect(createHash("sha256").update(streamed).digest("hex")).toBe(createHash("sha256").update(body).digest("hex"));
      });

      it("keeps its own copy: mutating the caller's buffers changes nothing stored", async () => {
        const body = utf8("original");
        await store.put("copy/in", body);
        body.fill(0);
        const first = await store.get("copy/in");
        expect(Buffer.from(first!.body).toString("utf8")).toBe("original");
        first!.body.fill(0);
        const second = await store.get("copy/in");
        expect(Buffer.from(second!.body).toString("utf8")).toBe("original");
      });
    });

    describe("overwrite", () => {
      it("replaces the body and changes the etag when the content changes", async () => {
        const first = await store.put("apps/demo/history.json", utf8("[1]"), { contentType: "application/json" });
        const second = await store.put("apps/demo/history.json", utf8("[1,2]"), { contentType: "application/json" });
        expect(second.etag).not.toBe(first.etag);
        const got = await store.get("apps/demo/history.json");
        expect(Buffer.from(got!.body).toString("utf8")).toBe("[1,2]");
        expect(got!.info.etag).toBe(second.etag);
        expect(got!.info.size).toBe(5);
      });

      it("replaces content type and metadata as a whole", async () => {
        await store.put("over/meta", utf8("a"), { contentType: "text/plain", metadata: { one: "1", two: "2" } });
        await store.put("over/meta", utf8("b"), { contentType: "application/json", metadata: { three: "3" } });
        const head = await store.head("over/meta");
        expect(head!.contentType).toBe("application/json");
        expect(head!.metadata).toEqual({ three: "3" });
      });

      it("concurrent puts leave one whole body, never a mix", async () => {
        const bodies = Array.from({ length: 8 }, (_, i) => Buffer.alloc(128 * 1024, 65 + i));
        const infos = await Promise.all(bodies.map((body) => store.put("race/put", body)));
        const got = await store.get("race/put");
        const winner = bodies.findIndex((body) => body.equals(Buffer.from(got!.body)));
        expect(winner).toBeGreaterThanOrEqual(0);
        expect(got!.info.etag).toBe(infos[winner]!.etag);
      });
    });

    describe("putIfAbsent", () => {
      it("creates the object when the key is absent", async () => {
        const info = await store.putIfAbsent("packages/abc", utf8("zip bytes"), {
          contentType: "application/zip",
          metadata: { Sha256: "abc" },
        });
        expect(info).not.toBeNull();
        expect(info!.key).toBe("packages/abc");
        expect(info!.size).toBe(9);
        const got = await store.get("packages/abc");
        expect(Buffer.from(got!.body).toString("utf8")).toBe("zip bytes");
        expect(got!.info.etag).toBe(info!.etag);
        expect(got!.info.contentType).toBe("application/zip");
        expect(got!.info.metadata).toEqual({ sha256: "abc" });
      });

      it("returns null and leaves an existing object byte-for-byte untouched", async () => {
        const original = randomBytes(4096);
        const created = await store.put("packages/existing", original, {
          contentType: "application/zip",
          metadata: { owner: "first" },
        });
        const result = await store.putIfAbsent("packages/existing", utf8("intruder"), {
          contentType: "text/plain",
          metadata: { owner: "second" },
        });
        expect(result).toBeNull();
        const got = await store.get("packages/existing");
        expect(Buffer.from(got!.body).equals(original)).toBe(true);
        expect(got!.info.etag).toBe(created.etag);
        expect(got!.info.size).toBe(original.byteLength);
        expect(got!.info.contentType).toBe("application/zip");
        expect(got!.info.metadata).toEqual({ owner: "first" });
      });

      it("returns null when the key was created by an earlier putIfAbsent", async () => {
        expect(await store.putIfAbsent("once/key", utf8("first"))).not.toBeNull();
        expect(await store.putIfAbsent("once/key", utf8("second"))).toBeNull();
        expect(Buffer.from((await store.get("once/key"))!.body).toString("utf8")).toBe("first");
      });

      it("20 concurrent putIfAbsent on one key: exactly one wins and its body is stored", async () => {
        const bodies = Array.from({ length: 20 }, (_, i) => Buffer.concat([utf8(`contender-${i}:`), randomBytes(2048)]));
        const results = await Promise.all(bodies.map((body) => store.putIfAbsent("race/history.json", body)));
        const winners = results.flatMap((result, index) => (result === null ? [] : [index]));
        expect(winners).toHaveLength(1);
        const winner = winners[0]!;
        const got = await store.get("race/history.json");
        expect(Buffer.from(got!.body).equals(bodies[winner]!)).toBe(true);
        expect(got!.info.etag).toBe(results[winner]!.etag);
        const listed = await store.list("race/");
        expect(listed.map((info) => info.key)).toEqual(["race/history.json"]);
      });

      it("creates again after the key was deleted", async () => {
        await store.putIfAbsent("cycle/key", utf8("one"));
        await store.delete("cycle/key");
        const again = await store.putIfAbsent("cycle/key", utf8("two"));
        expect(again).not.toBeNull();
        expect(Buffer.from((await store.get("cycle/key"))!.body).toString("utf8")).toBe("two");
      });
    });

    describe("delete", () => {
      it("removes the object from get, head, openRead and list", async () => {
        await store.put("del/one", utf8("1"));
        await store.put("del/two", utf8("2"));
        await store.delete("del/one");
        expect(await store.get("del/one")).toBeNull();
        expect(await store.head("del/one")).toBeNull();
        expect(await store.openRead("del/one")).toBeNull();
        expect((await store.list("del/")).map((info) => info.key)).toEqual(["del/two"]);
      });

      it("succeeds for a missing key", async () => {
        await expect(store.delete("never/existed")).resolves.toBeUndefined();
        await store.put("del/twice", utf8("x"));
        await store.delete("del/twice");
        await expect(store.delete("del/twice")).resolves.toBeUndefined();
      });
    });

    describe("list", () => {
      it("returns only keys under the prefix, ascending, with sizes and etags", async () => {
        const written = new Map<string, ObjectInfo>();
        for (const [key, text] of [
          ["apps/b/app.json", "bb"],
          ["apps/a/app.json", "a"],
          ["apps/c/deployments/Production/history.json", "cccc"],
          ["keys/xyz", "k"],
          ["appsx/other", "o"],
        ] as const) {
          written.set(key, await store.put(key, utf8(text)));
        }
        const listed = await store.list("apps/");
        expect(listed.map((info) => info.key)).toEqual([
          "apps/a/app.json",
          "apps/b/app.json",
          "apps/c/deployments/Production/history.json",
        ]);
        for (const info of listed) {
          const expected = written.get(info.key)!;
          expect(info.size).toBe(expected.size);
          expect(info.etag).toBe(expected.etag);
          expect(info.lastModified).toBeInstanceOf(Date);
        }
      });

      it("treats the prefix as a raw string prefix, like S3", async () => {
        for (const key of ["a/b", "a/b/c", "a/bc/x", "a/bd", "a/a", "ab", "a/c"]) await store.put(key, utf8(key));
        expect((await store.list("a/b")).map((info) => info.key)).toEqual(["a/b", "a/b/c", "a/bc/x", "a/bd"]);
        expect((await store.list("a/b/")).map((info) => info.key)).toEqual(["a/b/c"]);
        expect((await store.list("a")).map((info) => info.key)).toEqual(["a/a", "a/b", "a/b/c", "a/bc/x", "a/bd", "a/c", "ab"]);
      });

      it("lists everything for the empty prefix and nothing for an unused one", async () => {
        await store.put("x/1", utf8("1"));
        await store.put("y", utf8("2"));
        expect((await store.list("")).map((info) => info.key)).toEqual(["x/1", "y"]);
        expect(await store.list("nothing/here/")).toEqual([]);
      });

      it("lets an object and a 'folder' of the same name coexist", async () => {
        await store.put("dir", utf8("object named dir"));
        await store.put("dir/child", utf8("child"));
        expect(Buffer.from((await store.get("dir"))!.body).toString("utf8")).toBe("object named dir");
        expect(Buffer.from((await store.get("dir/child"))!.body).toString("utf8")).toBe("child");
        expect((await store.list("dir")).map((info) => info.key)).toEqual(["dir", "dir/child"]);
        await store.delete("dir");
        expect((await store.list("dir")).map((info) => info.key)).toEqual(["dir/child"]);
      });

      it("orders keys by their UTF-8 bytes", async () => {
        // JavaScript's default sort (UTF-16 code units) puts "😀" before "～"; UTF-8 byte order does not.
        const keys = ["k/\u{1F600}", "k/\uFF5E", "k/é", "k/z", "k/Z", "k/0", "k/a b", "k/a+b"];
        for (const key of keys) await store.put(key, utf8(key));
        const expected = [...keys].sort(compareUtf8);
        expect(expected).toEqual(["k/0", "k/Z", "k/a b", "k/a+b", "k/z", "k/é", "k/\uFF5E", "k/\u{1F600}"]);
        expect((await store.list("k/")).map((info) => info.key)).toEqual(expected);
      });

      it("honours startAfter and limit", async () => {
        const keys = ["p/01", "p/02", "p/03", "p/04", "p/05"];
        for (const key of keys) await store.put(key, utf8(key));
        expect((await store.list("p/", { limit: 2 })).map((info) => info.key)).toEqual(["p/01", "p/02"]);
        expect((await store.list("p/", { startAfter: "p/02" })).map((info) => info.key)).toEqual(["p/03", "p/04", "p/05"]);
        expect((await store.list("p/", { startAfter: "p/02", limit: 2 })).map((info) => info.key)).toEqual(["p/03", "p/04"]);
        // startAfter need not be an existing key
        expect((await store.list("p/", { startAfter: "p/035" })).map((info) => info.key)).toEqual(["p/04", "p/05"]);
        expect(await store.list("p/", { startAfter: "p/05" })).toEqual([]);
        expect((await store.list("p/", { limit: 100 })).map((info) => info.key)).toEqual(keys);
      });

      it("lists 1200 keys completely, across a 1000-item page boundary", async () => {
        const keys = Array.from({ length: 1200 }, (_, i) => `many/${String(i).padStart(4, "0")}`);
        await inBatches(keys, 50, (key) => store.put(key, utf8(key)));
        await store.put("many-not/0000", utf8("sibling"));
        const listed = await store.list("many/");
        expect(listed).toHaveLength(1200);
        expect(listed.map((info) => info.key)).toEqual(keys);
        expect(listed.every((info) => info.size === 9)).toBe(true);
        const tail = await store.list("many/", { startAfter: "many/0999" });
        expect(tail).toHaveLength(200);
        expect(tail[0]!.key).toBe("many/1000");
        const window = await store.list("many/", { startAfter: "many/0499", limit: 1001 });
        expect(window).toHaveLength(700);
        const capped = await store.list("many/", { limit: 1100 });
        expect(capped).toHaveLength(1100);
        expect(capped.at(-1)!.key).toBe("many/1099");
      });
    });

    describe("key characters", () => {
      const keys = [
        "src/my app/Production/bundle with spaces.zip",
        "src/app/Staging/a+b=c&d.zip",
        "packages/ünïcödé/日本語/😀.bin",
        "assets/node_modules/react-native/img.png",
        "node_modules/x",
        "q/what?#hash%20percent",
        "dots/.hidden/..double.dots",
        "case/Key",
        "case/key",
      ];

      it.each(keys)("put, head, get, list and delete work for %j", async (key) => {
        const body = utf8(`body of ${key}`);
        const info = await store.put(key, body);
        expect(info.key).toBe(key);
        expect((await store.head(key))!.key).toBe(key);
        const got = await store.get(key);
        expect(Buffer.from(got!.body).toString("utf8")).toBe(`body of ${key}`);
        expect(got!.info.key).toBe(key);
        expect((await store.list(key)).map((listed) => listed.key)).toEqual([key]);
        expect((await store.list("")).map((listed) => listed.key)).toEqual([key]);
        expect(await store.putIfAbsent(key, utf8("other"))).toBeNull();
        await store.delete(key);
        expect(await store.get(key)).toBeNull();
        expect(await store.list("")).toEqual([]);
      });

      it("keeps keys that differ only in case apart", async () => {
        await store.put("case/Key", utf8("upper"));
        await store.put("case/key", utf8("lower"));
        expect(Buffer.from((await store.get("case/Key"))!.body).toString("utf8")).toBe("upper");
        expect(Buffer.from((await store.get("case/key"))!.body).toString("utf8")).toBe("lower");
        expect((await store.list("case/")).map((info) => info.key)).toEqual(["case/Key", "case/key"]);
      });
    });

    describe("invalid keys", () => {
      it.each(INVALID_KEYS)("rejects %j with InvalidRequestError and writes nothing", async (key) => {
        await expect(store.put(key, utf8("x"))).rejects.toBeInstanceOf(InvalidRequestError);
        await expect(store.putIfAbsent(key, utf8("x"))).rejects.toBeInstanceOf(InvalidRequestError);
        await expect(store.get(key)).rejects.toBeInstanceOf(InvalidRequestError);
        await expect(store.head(key)).rejects.toBeInstanceOf(InvalidRequestError);
        await expect(store.openRead(key)).rejects.toBeInstanceOf(InvalidRequestError);
        await expect(store.delete(key)).rejects.toBeInstanceOf(InvalidRequestError);
        await expect(store.downloadUrl(key)).rejects.toBeInstanceOf(InvalidRequestError);
        expect(await store.list("")).toEqual([]);
      });

      it("rejects a key longer than 1023 UTF-8 bytes", async () => {
        await expect(store.put(`long/${"é".repeat(600)}`, utf8("x"))).rejects.toBeInstanceOf(InvalidRequestError);
        expect(await store.list("")).toEqual([]);
      });

      it("rejects an invalid list prefix", async () => {
        await expect(store.list("../")).rejects.toBeInstanceOf(InvalidRequestError);
        await expect(store.list("/abs")).rejects.toBeInstanceOf(InvalidRequestError);
        await expect(store.list("a//")).rejects.toBeInstanceOf(InvalidRequestError);
      });
    });

    describe("openRead", () => {
      it("streams the same bytes and info as get", async () => {
        const body = randomBytes(300 * 1024);
        await store.put("stream/me", body, { contentType: "application/octet-stream", metadata: { a: "1" } });
        const opened = await store.openRead("stream/me");
        expect(opened).not.toBeNull();
        const got = await store.get("stream/me");
        expectSameInfo(opened!.info, got!.info);
        expect(opened!.info.contentType).toBe("application/octet-stream");
        expect(opened!.info.metadata).toEqual({ a: "1" });
        const streamed = await readStream(opened!.stream);
        expect(streamed.equals(body)).toBe(true);
      });

      it("keeps serving the version it opened when the object is overwritten", async () => {
        const first = Buffer.alloc(256 * 1024, 1);
        await store.put("stream/versioned", first);
        const opened = await store.openRead("stream/versioned");
        await store.put("stream/versioned", Buffer.alloc(64, 2));
        const streamed = await readStream(opened!.stream);
        expect(streamed.equals(first)).toBe(true);
      });
    });

    describe("downloadUrl", () => {
      it("returns an absolute http(s) URL", async () => {
        await store.put("packages/download me+1", utf8("x"));
        const url = await store.downloadUrl("packages/download me+1");
        expect(typeof url).toBe("string");
        const parsed = new URL(url);
        expect(["http:", "https:"]).toContain(parsed.protocol);
        expect(url).not.toContain(" ");
        const other = await store.downloadUrl("packages/other");
        expect(new URL(other).pathname).not.toBe(parsed.pathname);
      });

      it("accepts an explicit lifetime", async () => {
        await store.put("packages/expiring", utf8("x"));
        const url = await store.downloadUrl("packages/expiring", { expiresInSeconds: 60 });
        expect(["http:", "https:"]).toContain(new URL(url).protocol);
      });
    });
  });
}
