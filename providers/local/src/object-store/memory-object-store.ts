import { assertValidObjectKey, assertValidPrefix } from "@hotpatch/core";
import type {
  DownloadUrlOptions,
  ListOptions,
  ObjectInfo,
  ObjectStore,
  ObjectStream,
  PutOptions,
  StoredObject,
} from "@hotpatch/core";
import { DownloadUrlBuilder } from "./download-url.js";
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

interface MemoryObject {
  body: Uint8Array;
  info: ObjectInfo;
}

const STREAM_CHUNK_BYTES = 64 * 1024;

/**
 * A faithful in-memory fake of a bucket: not-found as null, overwrite, create-only, listing by raw prefix
 * in UTF-8 byte order, quoted-MD5 ETags. Bodies are copied in and out so no caller can change stored bytes.
 */
export class MemoryObjectStore implements ObjectStore {
  readonly #objects = new Map<string, MemoryObject>();
  readonly #urls: DownloadUrlBuilder;
  readonly #now: () => Date;

  constructor(options: LocalObjectStoreOptions) {
    rejectUnknownOptions(options, LOCAL_OBJECT_STORE_OPTION_KEYS, "MemoryObjectStore");
    this.#now = options.now ?? (() => new Date());
    this.#urls = new DownloadUrlBuilder(options, this.#now);
  }

  async get(key: string): Promise<StoredObject | null> {
    assertValidObjectKey(key);
    const object = this.#objects.get(key);
    return object ? { info: copyInfo(object.info), body: object.body.slice() } : null;
  }

  async openRead(key: string): Promise<ObjectStream | null> {
    assertValidObjectKey(key);
    const object = this.#objects.get(key);
    if (!object) return null;
    const body = object.body; // stored bodies are never mutated, only replaced
    let offset = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (offset >= body.byteLength) {
          controller.close();
          return;
        }
        controller.enqueue(body.slice(offset, offset + STREAM_CHUNK_BYTES));
        offset += STREAM_CHUNK_BYTES;
      },
    });
    return { info: copyInfo(object.info), stream };
  }

  async head(key: string): Promise<ObjectInfo | null> {
    assertValidObjectKey(key);
    const object = this.#objects.get(key);
    return object ? copyInfo(object.info) : null;
  }

  async put(key: string, body: Uint8Array, options?: PutOptions): Promise<ObjectInfo> {
    const object = this.#prepare(key, body, options);
    this.#objects.set(key, object);
    return copyInfo(object.info);
  }

  async putIfAbsent(key: string, body: Uint8Array, options?: PutOptions): Promise<ObjectInfo | null> {
    const object = this.#prepare(key, body, options);
    // Check and set run in one synchronous step, so concurrent callers cannot both win.
    if (this.#objects.has(key)) return null;
    this.#objects.set(key, object);
    return copyInfo(object.info);
  }

  async delete(key: string): Promise<void> {
    assertValidObjectKey(key);
    this.#objects.delete(key);
  }

  async list(prefix: string, options: ListOptions = {}): Promise<ObjectInfo[]> {
    assertValidPrefix(prefix);
    assertValidLimit(options.limit);
    const { startAfter, limit } = options;
    const keys = [...this.#objects.keys()]
      .filter((key) => key.startsWith(prefix) && (startAfter === undefined || compareKeys(key, startAfter) > 0))
      .sort(compareKeys)
      .slice(0, limit);
    return keys.map((key) => copyInfo(this.#objects.get(key)!.info));
  }

  async downloadUrl(key: string, options?: DownloadUrlOptions): Promise<string> {
    assertValidObjectKey(key);
    return this.#urls.build(key, options?.expiresInSeconds);
  }

  #prepare(key: string, body: Uint8Array, options: PutOptions | undefined): MemoryObject {
    assertValidObjectKey(key);
    const { contentType, metadata } = normalisePutOptions(options);
    assertBody(body);
    const copy = new Uint8Array(body); // a plain Uint8Array copy, even of a Buffer
    const info: ObjectInfo = { key, size: copy.byteLength, etag: md5Etag(copy), lastModified: this.#now(), metadata };
    if (contentType !== undefined) info.contentType = contentType;
    return { body: copy, info };
  }
}

function copyInfo(info: ObjectInfo): ObjectInfo {
  return { ...info, lastModified: new Date(info.lastModified.getTime()), metadata: { ...info.metadata } };
}
