import type {
  DownloadUrlOptions,
  ListOptions,
  ObjectInfo,
  ObjectStore,
  ObjectStream,
  PutOptions,
  StoredObject,
} from "@hotpatch/core";
import type { LocalEventSource } from "./local-event-source.js";

/** Objects created under this prefix trigger the upload use case, as the OSS/S3 trigger is configured. */
export const UPLOAD_DROP_PREFIX = "src/";

export interface EventEmittingStoreOptions {
  /** Only keys starting with this raise ObjectCreated (default "src/"). */
  prefix?: string;
}

/**
 * Wraps a store so that every object it creates under `src/` (put or a winning putIfAbsent) raises
 * `ObjectCreated {key, size, etag}` on `source` — what the bucket trigger does in the clouds. The event
 * is emitted after the write succeeded; handlers run later and their failures never reach the writer.
 */
export class EventEmittingObjectStore implements ObjectStore {
  readonly #store: ObjectStore;
  readonly #source: LocalEventSource;
  readonly #prefix: string;

  constructor(store: ObjectStore, source: LocalEventSource, options: EventEmittingStoreOptions = {}) {
    this.#store = store;
    this.#source = source;
    this.#prefix = options.prefix ?? UPLOAD_DROP_PREFIX;
  }

  get(key: string): Promise<StoredObject | null> {
    return this.#store.get(key);
  }

  openRead(key: string): Promise<ObjectStream | null> {
    return this.#store.openRead(key);
  }

  head(key: string): Promise<ObjectInfo | null> {
    return this.#store.head(key);
  }

  async put(key: string, body: Uint8Array, options?: PutOptions): Promise<ObjectInfo> {
    const info = await this.#store.put(key, body, options);
    this.#created(info);
    return info;
  }

  async putIfAbsent(key: string, body: Uint8Array, options?: PutOptions): Promise<ObjectInfo | null> {
    const info = await this.#store.putIfAbsent(key, body, options);
    if (info !== null) this.#created(info);
    return info;
  }

  delete(key: string): Promise<void> {
    return this.#store.delete(key);
  }

  list(prefix: string, options?: ListOptions): Promise<ObjectInfo[]> {
    return this.#store.list(prefix, options);
  }

  downloadUrl(key: string, options?: DownloadUrlOptions): Promise<string> {
    return this.#store.downloadUrl(key, options);
  }

  #created(info: ObjectInfo): void {
    if (!info.key.startsWith(this.#prefix)) return;
    this.#source.emit({ type: "ObjectCreated", key: info.key, size: info.size, etag: info.etag });
  }
}

/** `store`, plus ObjectCreated events on `source` for objects created under `src/`. */
export function wrapStoreWithEvents(
  store: ObjectStore,
  source: LocalEventSource,
  options?: EventEmittingStoreOptions,
): EventEmittingObjectStore {
  return new EventEmittingObjectStore(store, source, options);
}
