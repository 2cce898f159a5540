/**
 * The bucket is the database. The port deliberately offers no compare-and-swap: Alibaba OSS rejects
 * If-Match on PUT, so every consistency guarantee is built on `putIfAbsent` (OSS
 * `x-oss-forbid-overwrite`, S3 `If-None-Match: *`, O_EXCL on a filesystem) plus plain puts and reads.
 */
export interface ObjectInfo {
  key: string;
  size: number;
  /** Opaque version tag; changes whenever the content changes. */
  etag: string;
  lastModified: Date;
  contentType?: string;
  /** User metadata (lower-case keys). */
  metadata: Record<string, string>;
}

export interface PutOptions {
  contentType?: string;
  /** User metadata; keys are lower-cased by every provider, as the clouds do. */
  metadata?: Record<string, string>;
}

export interface ListOptions {
  /** Only keys that sort strictly after this one. */
  startAfter?: string;
  /** At most this many results (all by default; providers page internally). */
  limit?: number;
}

export interface DownloadUrlOptions {
  /** Lifetime of a signed URL; ignored by stores that serve from a public base URL. */
  expiresInSeconds?: number;
}

export interface StoredObject {
  info: ObjectInfo;
  body: Uint8Array;
}

export interface ObjectStream {
  info: ObjectInfo;
  stream: ReadableStream<Uint8Array>;
}

export interface ObjectStore {
  /** The whole object, or null when absent. */
  get(key: string): Promise<StoredObject | null>;
  /** A stream of the object, for bodies that should not sit in memory; null when absent. */
  openRead(key: string): Promise<ObjectStream | null>;
  head(key: string): Promise<ObjectInfo | null>;
  /** Create or overwrite. Readers see the old or the new object, never a mix. */
  put(key: string, body: Uint8Array, options?: PutOptions): Promise<ObjectInfo>;
  /**
   * Create only if no object exists under `key`. Returns the new object's info, or null when the
   * key already existed (the caller lost the race); the existing object is left untouched.
   */
  putIfAbsent(key: string, body: Uint8Array, options?: PutOptions): Promise<ObjectInfo | null>;
  /** Idempotent: deleting an absent key succeeds. */
  delete(key: string): Promise<void>;
  /** Objects whose key starts with `prefix`, in ascending key order (byte order of UTF-8). */
  list(prefix: string, options?: ListOptions): Promise<ObjectInfo[]>;
  /** A URL a device can GET without credentials. */
  downloadUrl(key: string, options?: DownloadUrlOptions): Promise<string>;
}
