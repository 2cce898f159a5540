import { randomBytes } from "node:crypto";
import { mkdir, open, readFile, readdir, rename, rmdir, stat, unlink, link } from "node:fs/promises";
import type { FileHandle } from "node:fs/promises";
import path from "node:path";
import { HotpatchError, StorageError, assertValidObjectKey, assertValidPrefix } from "@hotpatch/core";
import type {
  DownloadUrlOptions,
  ListOptions,
  ObjectInfo,
  ObjectStore,
  ObjectStream,
  PutOptions,
  StoredObject,
} from "@hotpatch/core";
import { InvalidOptionsError } from "../errors.js";
import { DownloadUrlBuilder } from "./download-url.js";
import { folderSegments, objectFileSegments, segmentOfFolder, segmentOfObjectFile } from "./fs-key-paths.js";
import { OBJECT_FILE_FORMAT, assertBodyLength, encodeHeader, headerToInfo, parseHeader, readHeader } from "./fs-object-file.js";
import type { ObjectFileHeader } from "./fs-object-file.js";
import {
  LOCAL_OBJECT_STORE_OPTION_KEYS,
  assertBody,
  assertValidLimit,
  compareKeys,
  md5Etag,
  normalisePutOptions,
  rejectUnknownOptions,
  type LocalObjectStoreOptions,
} from "./store-options.js";

export interface FileSystemObjectStoreOptions extends LocalObjectStoreOptions {
  /** fsync each object file before it becomes visible, so a power cut cannot leave an empty file (default true). */
  fsync?: boolean;
  /**
   * Temp files older than this are leftovers of a crashed write and are removed by `open` (default 10 min).
   * Younger ones may belong to another process writing to the same root right now.
   */
  staleTempFileAgeMs?: number;
}

const OPTION_KEYS = [...LOCAL_OBJECT_STORE_OPTION_KEYS, "fsync", "staleTempFileAgeMs"];
const DEFAULT_STALE_TEMP_FILE_AGE_MS = 10 * 60_000;
const TEMP_SUFFIX = ".tmp";
const STREAM_CHUNK_BYTES = 64 * 1024;
const LIST_READ_CONCURRENCY = 32;
/** A concurrent delete may remove an empty folder between our mkdir and rename; then we create it again. */
const MAX_PLACE_ATTEMPTS = 5;

/**
 * Objects as files under `<rootDir>/objects/` (see fs-key-paths.ts for the naming and fs-object-file.ts
 * for the file format). Every write goes to a unique temp file under `<rootDir>/tmp/` first, then becomes
 * visible in one step: `rename` for put (atomic replace), `link` for putIfAbsent (fails if the name exists),
 * so readers and losers of a race never see a partial file. Create one with `FileSystemObjectStore.open`.
 */
export class FileSystemObjectStore implements ObjectStore {
  readonly rootDir: string;
  readonly #objectsDir: string;
  readonly #tempDir: string;
  readonly #urls: DownloadUrlBuilder;
  readonly #now: () => Date;
  readonly #fsync: boolean;

  private constructor(rootDir: string, options: FileSystemObjectStoreOptions) {
    this.rootDir = rootDir;
    this.#objectsDir = path.join(rootDir, "objects");
    this.#tempDir = path.join(rootDir, "tmp");
    this.#now = options.now ?? (() => new Date());
    this.#urls = new DownloadUrlBuilder(options, this.#now);
    this.#fsync = options.fsync ?? true;
  }

  /** Creates the folders if needed and removes temp files left behind by crashed writes. */
  static async open(rootDir: string, options: FileSystemObjectStoreOptions): Promise<FileSystemObjectStore> {
    rejectUnknownOptions(options, OPTION_KEYS, "FileSystemObjectStore");
    const staleAge = options.staleTempFileAgeMs ?? DEFAULT_STALE_TEMP_FILE_AGE_MS;
    if (!Number.isFinite(staleAge) || staleAge < 0) {
      throw new InvalidOptionsError("staleTempFileAgeMs must be a number ≥ 0", "staleTempFileAgeMs");
    }
    const store = new FileSystemObjectStore(path.resolve(rootDir), options);
    try {
      await mkdir(store.#objectsDir, { recursive: true });
      await mkdir(store.#tempDir, { recursive: true });
      await store.#removeStaleTempFiles(staleAge);
    } catch (cause) {
      throw new StorageError(`cannot open the filesystem store at ${store.rootDir}`, { cause });
    }
    return store;
  }

  async get(key: string): Promise<StoredObject | null> {
    const file = this.#objectPath(key);
    return this.#guard("read", key, async () => {
      const bytes = await readFile(file).catch(nullIfMissing);
      if (bytes === null) return null;
      const parsed = parseHeader(key, bytes);
      if (parsed === "incomplete") throw new StorageError(`object file for "${key}" is corrupt: no header line`);
      assertBodyLength(key, parsed, bytes.byteLength);
      // A view into the freshly read buffer: nobody else holds it, so no copy is needed.
      const body = new Uint8Array(bytes.buffer, bytes.byteOffset + parsed.bodyOffset, parsed.header.size);
      return { info: headerToInfo(key, parsed.header), body };
    });
  }

  async openRead(key: string): Promise<ObjectStream | null> {
    const file = this.#objectPath(key);
    return this.#guard("read", key, async () => {
      const handle = await open(file, "r").catch(nullIfMissing);
      if (handle === null) return null;
      try {
        const { header, bodyOffset } = await readHeader(key, handle);
        // The handle pins this version: a later put renames a new file over the name, not into this one.
        return { info: headerToInfo(key, header), stream: fileStream(key, handle, bodyOffset, bodyOffset + header.size) };
      } catch (error) {
        await handle.close();
        throw error;
      }
    });
  }

  async head(key: string): Promise<ObjectInfo | null> {
    const file = this.#objectPath(key);
    return this.#guard("read", key, () => this.#readInfo(key, file));
  }

  async put(key: string, body: Uint8Array, options?: PutOptions): Promise<ObjectInfo> {
    const file = this.#objectPath(key);
    const { header, headerBytes } = this.#encode(key, body, options);
    return this.#guard("write", key, async () => {
      const temp = await this.#writeTempFile(headerBytes, body);
      try {
        await this.#place(file, () => rename(temp, file));
      } catch (error) {
        await unlink(temp).catch(() => undefined);
        throw error;
      }
      return headerToInfo(key, header);
    });
  }

  async putIfAbsent(key: string, body: Uint8Array, options?: PutOptions): Promise<ObjectInfo | null> {
    const file = this.#objectPath(key);
    const { header, headerBytes } = this.#encode(key, body, options);
    return this.#guard("write", key, async () => {
      // Cheap early exit for the common "already stored" case; `link` below is what decides a race.
      if (await exists(file)) return null;
      const temp = await this.#writeTempFile(headerBytes, body);
      try {
        const created = await this.#place(file, async () => {
          try {
            await link(temp, file); // fails with EEXIST if any object holds the name, atomically
            return true;
          } catch (error) {
            if (errorCode(error) === "EEXIST") return false;
            throw error;
          }
        });
        return created ? headerToInfo(key, header) : null;
      } finally {
        await unlink(temp).catch(() => undefined);
      }
    });
  }

  async delete(key: string): Promise<void> {
    const file = this.#objectPath(key);
    await this.#guard("delete", key, async () => {
      try {
        await unlink(file);
      } catch (error) {
        if (isMissing(error)) return;
        throw error;
      }
      await this.#removeEmptyFolders(path.dirname(file));
    });
  }

  async list(prefix: string, options: ListOptions = {}): Promise<ObjectInfo[]> {
    assertValidPrefix(prefix);
    assertValidLimit(options.limit);
    const { startAfter, limit } = options;
    return this.#guard("list", prefix, async () => {
      const slash = prefix.lastIndexOf("/");
      const dirKey = slash < 0 ? "" : prefix.slice(0, slash);
      const partial = prefix.slice(slash + 1);
      const keys: string[] = [];
      await this.#collectKeys(path.join(this.#objectsDir, ...folderSegments(dirKey)), dirKey === "" ? "" : `${dirKey}/`, partial, keys);
      const selected = keys
        .filter((key) => startAfter === undefined || compareKeys(key, startAfter) > 0)
        .sort(compareKeys)
        .slice(0, limit);
      const infos = await mapConcurrently(selected, LIST_READ_CONCURRENCY, (key) =>
        this.#readInfo(key, path.join(this.#objectsDir, ...objectFileSegments(key))),
      );
      return infos.filter((info): info is ObjectInfo => info !== null); // deleted while we listed
    });
  }

  async downloadUrl(key: string, options?: DownloadUrlOptions): Promise<string> {
    assertValidObjectKey(key);
    return this.#urls.build(key, options?.expiresInSeconds);
  }

  /** Validates the key and returns its file path, which is always inside the objects folder. */
  #objectPath(key: string): string {
    assertValidObjectKey(key);
    const file = path.join(this.#objectsDir, ...objectFileSegments(key));
    const relative = path.relative(this.#objectsDir, file);
    if (relative.startsWith("..") || path.isAbsolute(relative)) {
      throw new StorageError(`object key "${key}" would leave the store's folder`); // unreachable for valid keys
    }
    return file;
  }

  #encode(key: string, body: Uint8Array, options: PutOptions | undefined): { header: ObjectFileHeader; headerBytes: Buffer } {
    assertBody(body);
    const { contentType, metadata } = normalisePutOptions(options);
    const header: ObjectFileHeader = {
      format: OBJECT_FILE_FORMAT,
      size: body.byteLength,
      etag: md5Etag(body),
      lastModified: this.#now().toISOString(),
      metadata,
    };
    if (contentType !== undefined) header.contentType = contentType;
    return { header, headerBytes: encodeHeader(header) };
  }

  async #readInfo(key: string, file: string): Promise<ObjectInfo | null> {
    const handle = await open(file, "r").catch(nullIfMissing);
    if (handle === null) return null;
    try {
      return headerToInfo(key, (await readHeader(key, handle)).header);
    } finally {
      await handle.close();
    }
  }

  async #writeTempFile(headerBytes: Buffer, body: Uint8Array): Promise<string> {
    const temp = path.join(this.#tempDir, `${process.pid}-${randomBytes(8).toString("hex")}${TEMP_SUFFIX}`);
    const handle = await open(temp, "wx");
    try {
      await writeAll(handle, headerBytes, 0);
      await writeAll(handle, body, headerBytes.byteLength);
      if (this.#fsync) await handle.sync();
    } catch (error) {
      await handle.close().catch(() => undefined);
      await unlink(temp).catch(() => undefined);
      throw error;
    }
    await handle.close();
    return temp;
  }

  /** Runs `step` (rename or link onto `file`) after making sure the folder exists. */
  async #place<T>(file: string, step: () => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        await mkdir(path.dirname(file), { recursive: true });
        return await step();
      } catch (error) {
        if (errorCode(error) !== "ENOENT" || attempt >= MAX_PLACE_ATTEMPTS) throw error;
      }
    }
  }

  /** Folders are an artefact of the layout, not objects: remove the ones a delete left empty. */
  async #removeEmptyFolders(folder: string): Promise<void> {
    let current = folder;
    while (current !== this.#objectsDir && current.startsWith(this.#objectsDir + path.sep)) {
      try {
        await rmdir(current);
      } catch {
        return; // not empty (ENOTEMPTY / EEXIST), already gone, or busy: leave it
      }
      current = path.dirname(current);
    }
  }

  async #collectKeys(folder: string, keyPrefix: string, partial: string, into: string[]): Promise<void> {
    const entries = await readdir(folder, { withFileTypes: true }).catch(nullIfMissing);
    if (entries === null) return;
    for (const entry of entries) {
      if (entry.isDirectory()) {
        const segment = segmentOfFolder(entry.name);
        if (segment !== null && segment.startsWith(partial)) {
          await this.#collectKeys(path.join(folder, entry.name), `${keyPrefix}${segment}/`, "", into);
        }
      } else if (entry.isFile()) {
        const segment = segmentOfObjectFile(entry.name);
        if (segment !== null && segment.startsWith(partial)) into.push(`${keyPrefix}${segment}`);
      }
    }
  }

  async #removeStaleTempFiles(staleAgeMs: number): Promise<void> {
    const cutoff = Date.now() - staleAgeMs;
    for (const name of await readdir(this.#tempDir)) {
      if (!name.endsWith(TEMP_SUFFIX)) continue;
      const temp = path.join(this.#tempDir, name);
      const info = await stat(temp).catch(nullIfMissing);
      if (info !== null && info.isFile() && info.mtimeMs <= cutoff) await unlink(temp).catch(nullIfMissing);
    }
  }

  /** Lets typed errors through and wraps filesystem failures in StorageError (with the cause, not its text). */
  async #guard<T>(operation: string, key: string, work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      if (error instanceof HotpatchError) throw error;
      throw new StorageError(`filesystem store could not ${operation} "${key}" (${errorCode(error) ?? "error"})`, {
        cause: error,
      });
    }
  }
}

function fileStream(key: string, handle: FileHandle, start: number, end: number): ReadableStream<Uint8Array> {
  let position = start;
  let closed = false;
  const close = async (): Promise<void> => {
    if (closed) return;
    closed = true;
    await handle.close().catch(() => undefined);
  };
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const length = Math.min(STREAM_CHUNK_BYTES, end - position);
      if (length <= 0) {
        await close();
        controller.close();
        return;
      }
      try {
        const chunk = new Uint8Array(length);
        const { bytesRead } = await handle.read(chunk, 0, length, position);
        if (bytesRead === 0) throw new Error("unexpected end of file");
        position += bytesRead;
        controller.enqueue(bytesRead === length ? chunk : chunk.subarray(0, bytesRead));
      } catch (cause) {
        await close();
        controller.error(new StorageError(`filesystem store could not stream "${key}"`, { cause }));
      }
    },
    async cancel() {
      await close();
    },
  });
}

async function mapConcurrently<T, R>(items: readonly T[], width: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const lanes = Array.from({ length: Math.min(width, items.length) }, async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index] as T);
    }
  });
  await Promise.all(lanes);
  return results;
}

/** `FileHandle.write` may write less than asked; loop until every byte is down. */
async function writeAll(handle: FileHandle, bytes: Uint8Array, position: number): Promise<void> {
  let written = 0;
  while (written < bytes.byteLength) {
    const { bytesWritten } = await handle.write(bytes, written, bytes.byteLength - written, position + written);
    if (bytesWritten === 0) throw new Error("write made no progress");
    written += bytesWritten;
  }
}

function errorCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === "string" ? code : undefined;
}

/** ENOENT: nothing there. ENOTDIR: a path component is a file, so nothing there either. */
function isMissing(error: unknown): boolean {
  const code = errorCode(error);
  return code === "ENOENT" || code === "ENOTDIR";
}

function nullIfMissing(error: unknown): null {
  if (isMissing(error)) return null;
  throw error;
}

async function exists(file: string): Promise<boolean> {
  return (await stat(file).catch(nullIfMissing)) !== null;
}
