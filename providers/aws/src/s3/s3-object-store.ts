import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  type GetObjectCommandOutput,
  type HeadObjectCommandOutput,
  type S3Client,
} from "@aws-sdk/client-s3";
import { InvalidRequestError, StorageError, assertValidObjectKey, assertValidPrefix } from "@hotpatch/core";
import type { DownloadUrlOptions, ListOptions, ObjectInfo, ObjectStore, ObjectStream, PutOptions, StoredObject } from "@hotpatch/core";
import { rejectUnknownOptions, requireNonEmptyString } from "../options.js";
import { S3DownloadUrls, type DownloadUrlSettings } from "./s3-download-urls.js";
import { isLostCreateRace, isNotFound, storageFailure } from "./s3-errors.js";
import { assertBody, assertValidLimit, toPutHeaders } from "./s3-put-options.js";

export interface S3ObjectStoreOptions extends DownloadUrlSettings {
  client: S3Client;
  bucket: string;
  /** Clock for `lastModified` of written objects (PutObject does not return one). */
  now?: () => Date;
}

const OPTION_KEYS = ["client", "bucket", "publicBaseUrl", "defaultExpirySeconds", "now"] as const;
/** ListObjectsV2 returns at most 1000 keys per page. */
const LIST_PAGE = 1000;

/**
 * The ObjectStore port over S3 (or an S3-compatible server) with @aws-sdk/client-s3. Create-if-absent is
 * `If-None-Match: *`; bodies are sent as buffers with a Content-Length (streams of unknown length break
 * checksum negotiation with S3-compatible servers). Listings carry no user metadata or content type:
 * ListObjectsV2 does not return them.
 */
export class S3ObjectStore implements ObjectStore {
  readonly #client: S3Client;
  readonly #bucket: string;
  readonly #urls: S3DownloadUrls;
  readonly #now: () => Date;

  constructor(options: S3ObjectStoreOptions) {
    rejectUnknownOptions(options, OPTION_KEYS, "S3ObjectStore");
    this.#client = options.client;
    this.#bucket = requireNonEmptyString(options.bucket, "bucket", "S3ObjectStore");
    this.#urls = new S3DownloadUrls(options.client, this.#bucket, options);
    this.#now = options.now ?? (() => new Date());
  }

  get bucket(): string {
    return this.#bucket;
  }

  async get(key: string): Promise<StoredObject | null> {
    assertValidObjectKey(key);
    const output = await this.#getObject(key);
    if (!output) return null;
    try {
      const body = output.Body ? await output.Body.transformToByteArray() : new Uint8Array(0);
      return { info: infoFrom(key, output, body.byteLength), body };
    } catch (error) {
      throw storageFailure("GetObject (body)", this.#bucket, key, error);
    }
  }

  async openRead(key: string): Promise<ObjectStream | null> {
    assertValidObjectKey(key);
    const output = await this.#getObject(key);
    if (!output) return null;
    const stream = output.Body ? (output.Body.transformToWebStream() as ReadableStream<Uint8Array>) : emptyStream();
    return { info: infoFrom(key, output, output.ContentLength ?? 0), stream };
  }

  async head(key: string): Promise<ObjectInfo | null> {
    assertValidObjectKey(key);
    try {
      const output = await this.#client.send(new HeadObjectCommand({ Bucket: this.#bucket, Key: key }));
      return infoFrom(key, output, output.ContentLength ?? 0);
    } catch (error) {
      if (isNotFound(error)) return null;
      throw storageFailure("HeadObject", this.#bucket, key, error);
    }
  }

  put(key: string, body: Uint8Array, options?: PutOptions): Promise<ObjectInfo> {
    return this.#put(key, body, options, false);
  }

  async putIfAbsent(key: string, body: Uint8Array, options?: PutOptions): Promise<ObjectInfo | null> {
    try {
      return await this.#put(key, body, options, true);
    } catch (error) {
      if (error instanceof StorageError && isLostCreateRace(error.cause)) return null;
      throw error;
    }
  }

  async delete(key: string): Promise<void> {
    assertValidObjectKey(key);
    try {
      // S3 answers 204 for a missing key too, which makes delete idempotent as the port requires.
      await this.#client.send(new DeleteObjectCommand({ Bucket: this.#bucket, Key: key }));
    } catch (error) {
      if (isNotFound(error)) return;
      throw storageFailure("DeleteObject", this.#bucket, key, error);
    }
  }

  async list(prefix: string, options: ListOptions = {}): Promise<ObjectInfo[]> {
    assertValidPrefix(prefix);
    assertValidLimit(options.limit);
    const limit = options.limit ?? Number.POSITIVE_INFINITY;
    const result: ObjectInfo[] = [];
    let token: string | undefined;
    while (result.length < limit) {
      let page;
      try {
        page = await this.#client.send(
          new ListObjectsV2Command({
            Bucket: this.#bucket,
            ...(prefix !== "" ? { Prefix: prefix } : {}),
            ...(token === undefined && options.startAfter !== undefined ? { StartAfter: options.startAfter } : {}),
            ...(token !== undefined ? { ContinuationToken: token } : {}),
            MaxKeys: Math.min(LIST_PAGE, limit - result.length),
          }),
        );
      } catch (error) {
        throw storageFailure("ListObjectsV2", this.#bucket, prefix, error);
      }
      for (const item of page.Contents ?? []) {
        if (item.Key === undefined) continue;
        result.push({
          key: item.Key,
          size: item.Size ?? 0,
          etag: item.ETag ?? "",
          lastModified: item.LastModified ?? new Date(0),
          metadata: {},
        });
      }
      if (!page.IsTruncated || !page.NextContinuationToken) break;
      token = page.NextContinuationToken;
    }
    return result.slice(0, limit);
  }

  async downloadUrl(key: string, options?: DownloadUrlOptions): Promise<string> {
    assertValidObjectKey(key);
    try {
      return await this.#urls.build(key, options?.expiresInSeconds);
    } catch (error) {
      if (error instanceof InvalidRequestError) throw error;
      // Presigning resolves credentials; a missing role surfaces here.
      throw storageFailure("presign GetObject", this.#bucket, key, error);
    }
  }

  async #getObject(key: string): Promise<GetObjectCommandOutput | null> {
    try {
      return await this.#client.send(new GetObjectCommand({ Bucket: this.#bucket, Key: key }));
    } catch (error) {
      if (isNotFound(error)) return null;
      throw storageFailure("GetObject", this.#bucket, key, error);
    }
  }

  async #put(key: string, body: Uint8Array, options: PutOptions | undefined, ifAbsent: boolean): Promise<ObjectInfo> {
    assertValidObjectKey(key);
    assertBody(body);
    const { contentType, metadata } = toPutHeaders(options);
    // A private copy, so a caller mutating its buffer during the upload cannot change what is stored.
    const bytes = Buffer.from(body);
    let etag: string | undefined;
    try {
      const output = await this.#client.send(
        new PutObjectCommand({
          Bucket: this.#bucket,
          Key: key,
          Body: bytes,
          ContentLength: bytes.byteLength,
          Metadata: metadata,
          ...(contentType !== undefined ? { ContentType: contentType } : {}),
          ...(ifAbsent ? { IfNoneMatch: "*" } : {}),
        }),
      );
      etag = output.ETag;
    } catch (error) {
      throw storageFailure(ifAbsent ? "PutObject (If-None-Match: *)" : "PutObject", this.#bucket, key, error);
    }
    if (!etag) throw new StorageError(`S3 PutObject on "${key}" in bucket "${this.#bucket}" returned no ETag`);
    const info: ObjectInfo = { key, size: bytes.byteLength, etag, lastModified: this.#now(), metadata };
    if (contentType !== undefined) info.contentType = contentType;
    return info;
  }
}

function infoFrom(key: string, output: GetObjectCommandOutput | HeadObjectCommandOutput, size: number): ObjectInfo {
  const info: ObjectInfo = {
    key,
    size,
    etag: output.ETag ?? "",
    lastModified: output.LastModified ?? new Date(0),
    metadata: lowerCaseKeys(output.Metadata ?? {}),
  };
  if (output.ContentType !== undefined) info.contentType = output.ContentType;
  return info;
}

function lowerCaseKeys(metadata: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(metadata).map(([name, value]) => [name.toLowerCase(), value]));
}

function emptyStream(): ReadableStream<Uint8Array> {
  return new ReadableStream<Uint8Array>({ start: (controller) => controller.close() });
}
