import { createHash } from "node:crypto";
import { mkdir, mkdtemp, readdir, readFile, rm, stat, utimes, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { InvalidRequestError, StorageError } from "@hotpatch/core";
import { FileSystemObjectStore, InvalidOptionsError } from "@hotpatch/provider-local";

const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);
const text = (bytes: Uint8Array): string => Buffer.from(bytes).toString("utf8");
const options = { publicBaseUrl: "http://127.0.0.1:3000" };

/** Every file under `dir`, as paths relative to it, sorted. */
async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)))
    .sort();
}

describe("FileSystemObjectStore", () => {
  let parentDir: string;
  let rootDir: string;

  beforeEach(async () => {
    parentDir = await mkdtemp(path.join(tmpdir(), "hotpatch-fs-unit-"));
    rootDir = path.join(parentDir, "store");
  });

  afterEach(async () => {
    await rm(parentDir, { recursive: true, force: true });
  });

  describe("layout", () => {
    it("keeps each object in one file under objects/<key>.object: a JSON header line, then the body", async () => {
      const store = await FileSystemObjectStore.open(rootDir, { ...options, now: () => new Date("2025-01-02T03:04:05.000Z") });
      await store.put("apps/demo/app.json", utf8('{"name":"demo"}'), { contentType: "application/json", metadata: { Rev: "7" } });
      const raw = await readFile(path.join(rootDir, "objects", "apps", "demo", "app.json.object"));
      const newline = raw.indexOf(0x0a);
      expect(JSON.parse(raw.subarray(0, newline).toString("utf8"))).toEqual({
        format: "hotpatch-object/1",
        size: 15,
        etag: `"${createHash("md5").update('{"name":"demo"}').digest("hex")}"`,
        lastModified: "2025-01-02T03:04:05.000Z",
        contentType: "application/json",
        metadata: { rev: "7" },
      });
      expect(raw.subarray(newline + 1).toString("utf8")).toBe('{"name":"demo"}');
      expect((await store.head("apps/demo/app.json"))!.lastModified.toISOString()).toBe("2025-01-02T03:04:05.000Z");
    });

    it("stores node_modules as an ordinary folder", async () => {
      const store = await FileSystemObjectStore.open(rootDir, options);
      await store.put("assets/node_modules/pkg/logo.png", utf8("png"));
      expect(await filesUnder(path.join(rootDir, "objects"))).toEqual([
        path.join("assets", "node_modules", "pkg", "logo.png.object"),
      ]);
      expect((await store.list("assets/node_modules/")).map((info) => info.key)).toEqual(["assets/node_modules/pkg/logo.png"]);
    });

    it("keeps keys that end in the file suffix apart from folders of the same name", async () => {
      const store = await FileSystemObjectStore.open(rootDir, options);
      const keys = ["x", "x/y", "x.object", "x.object/y", "x.object_", "x.object_/y", "x.object.object"];
      for (const key of keys) await store.put(key, utf8(key));
      for (const key of keys) expect(text((await store.get(key))!.body)).toBe(key);
      expect((await store.list("")).map((info) => info.key)).toEqual([...keys].sort());
      expect((await store.list("x.object/")).map((info) => info.key)).toEqual(["x.object/y"]);
    });

    it("keeps objects across reopening the same root", async () => {
      const first = await FileSystemObjectStore.open(rootDir, options);
      const info = await first.put("packages/abc", utf8("zip"), { metadata: { sha256: "abc" } });
      const second = await FileSystemObjectStore.open(rootDir, options);
      const got = await second.get("packages/abc");
      expect(text(got!.body)).toBe("zip");
      expect(got!.info.etag).toBe(info.etag);
      expect(got!.info.metadata).toEqual({ sha256: "abc" });
    });

    it("removes folders that a delete left empty, and only those", async () => {
      const store = await FileSystemObjectStore.open(rootDir, options);
      await store.put("a/b/c/one", utf8("1"));
      await store.put("a/two", utf8("2"));
      await store.delete("a/b/c/one");
      await expect(stat(path.join(rootDir, "objects", "a", "b"))).rejects.toMatchObject({ code: "ENOENT" });
      expect((await stat(path.join(rootDir, "objects", "a"))).isDirectory()).toBe(true);
      expect((await stat(path.join(rootDir, "objects"))).isDirectory()).toBe(true);
    });
  });

  describe("crash safety", () => {
    it("removes stale temp files on open and keeps young ones (another process may be writing)", async () => {
      await mkdir(path.join(rootDir, "tmp"), { recursive: true });
      const stale = path.join(rootDir, "tmp", "4242-deadbeefdeadbeef.tmp");
      const young = path.join(rootDir, "tmp", "4243-feedfacefeedface.tmp");
      await writeFile(stale, "half a write");
      await writeFile(young, "a write in progress");
      const anHourAgo = new Date(Date.now() - 60 * 60_000);
      await utimes(stale, anHourAgo, anHourAgo);
      await FileSystemObjectStore.open(rootDir, options);
      expect(await readdir(path.join(rootDir, "tmp"))).toEqual(["4243-feedfacefeedface.tmp"]);
      await FileSystemObjectStore.open(rootDir, { ...options, staleTempFileAgeMs: 0 });
      expect(await readdir(path.join(rootDir, "tmp"))).toEqual([]);
    });

    it("never shows a temp file left by a crashed write through get, head or list", async () => {
      const store = await FileSystemObjectStore.open(rootDir, options);
      await store.put("apps/demo/app.json", utf8("v1"));
      // What a crash between writing the temp file and renaming it leaves behind:
      await writeFile(path.join(rootDir, "tmp", `${process.pid}-0123456789abcdef.tmp`), '{"format":"hotpatch-object/1","size":2');
      expect(text((await store.get("apps/demo/app.json"))!.body)).toBe("v1");
      expect((await store.list("")).map((info) => info.key)).toEqual(["apps/demo/app.json"]);
      const reopened = await FileSystemObjectStore.open(rootDir, options);
      expect((await reopened.list("")).map((info) => info.key)).toEqual(["apps/demo/app.json"]);
    });

    it("ignores files it did not write (editor backups, .DS_Store, a stray .tmp)", async () => {
      const store = await FileSystemObjectStore.open(rootDir, options);
      await store.put("apps/demo/app.json", utf8("v1"));
      const folder = path.join(rootDir, "objects", "apps", "demo");
      await writeFile(path.join(folder, ".DS_Store"), "x");
      await writeFile(path.join(folder, "app.json.object.tmp"), "x");
      await writeFile(path.join(folder, "app.json"), "x");
      await mkdir(path.join(folder, "odd.object"));
      await writeFile(path.join(folder, "odd.object", "inside.object"), "x");
      expect((await store.list("")).map((info) => info.key)).toEqual(["apps/demo/app.json"]);
    });

    it("leaves no temp file behind after writes, including the losers of a putIfAbsent race", async () => {
      const store = await FileSystemObjectStore.open(rootDir, options);
      await store.put("one", utf8("1"));
      const results = await Promise.all(Array.from({ length: 20 }, (_, i) => store.putIfAbsent("race", utf8(`body ${i}`))));
      expect(results.filter((result) => result !== null)).toHaveLength(1);
      expect(await readdir(path.join(rootDir, "tmp"))).toEqual([]);
      expect(await filesUnder(path.join(rootDir, "objects"))).toEqual(["one.object", "race.object"]);
    });

    it("reports a damaged object file as StorageError", async () => {
      const store = await FileSystemObjectStore.open(rootDir, options);
      await store.put("broken/one", utf8("abc"));
      await store.put("broken/two", utf8("abc"));
      await writeFile(path.join(rootDir, "objects", "broken", "one.object"), "not a header");
      const truncated = path.join(rootDir, "objects", "broken", "two.object");
      const raw = await readFile(truncated);
      await writeFile(truncated, raw.subarray(0, raw.byteLength - 1));
      for (const key of ["broken/one", "broken/two"]) {
        await expect(store.get(key)).rejects.toBeInstanceOf(StorageError);
        await expect(store.head(key)).rejects.toBeInstanceOf(StorageError);
        await expect(store.openRead(key)).rejects.toBeInstanceOf(StorageError);
      }
    });
  });

  describe("confinement to rootDir", () => {
    it.each(["../escape", "a/../../escape", "/etc/passwd", "..", "a\\..\\..\\escape", "./x", "a/./b"])(
      "rejects %j and writes nothing anywhere",
      async (key) => {
        const store = await FileSystemObjectStore.open(rootDir, options);
        await expect(store.put(key, utf8("x"))).rejects.toBeInstanceOf(InvalidRequestError);
        await expect(store.putIfAbsent(key, utf8("x"))).rejects.toBeInstanceOf(InvalidRequestError);
        await expect(store.delete(key)).rejects.toBeInstanceOf(InvalidRequestError);
        expect(await readdir(parentDir)).toEqual(["store"]);
        expect(await filesUnder(rootDir)).toEqual([]);
      },
    );

    it("rejects list prefixes that climb out", async () => {
      const store = await FileSystemObjectStore.open(rootDir, options);
      await writeFile(path.join(parentDir, "outside.object"), "x");
      await expect(store.list("../")).rejects.toBeInstanceOf(InvalidRequestError);
      await expect(store.list("..")).rejects.toBeInstanceOf(InvalidRequestError);
    });

    it("rejects a key segment longer than a file name may be", async () => {
      const store = await FileSystemObjectStore.open(rootDir, options);
      await expect(store.put(`long/${"a".repeat(249)}`, utf8("x"))).rejects.toBeInstanceOf(InvalidRequestError);
      await store.put(`long/${"a".repeat(248)}`, utf8("x"));
      expect(await store.list("long/")).toHaveLength(1);
    });
  });

  describe("options", () => {
    it("rejects unknown and invalid options", async () => {
      await expect(FileSystemObjectStore.open(rootDir, { ...options, fsynk: false } as never)).rejects.toBeInstanceOf(
        InvalidOptionsError,
      );
      await expect(FileSystemObjectStore.open(rootDir, { publicBaseUrl: "not a url" })).rejects.toBeInstanceOf(InvalidOptionsError);
      await expect(FileSystemObjectStore.open(rootDir, { ...options, staleTempFileAgeMs: -1 })).rejects.toBeInstanceOf(
        InvalidOptionsError,
      );
    });

    it("works without fsync", async () => {
      const store = await FileSystemObjectStore.open(rootDir, { ...options, fsync: false });
      await store.put("k", utf8("v"));
      expect(text((await store.get("k"))!.body)).toBe("v");
    });
  });
});
