import { Readable } from "node:stream";
import {
  InvalidRequestError,
  assertValidObjectKey,
  assertValidPrefix,
  type DownloadUrlOptions,
  type ListOptions,
  type ObjectInfo,
  type ObjectStore,
  type ObjectStream,
  type PutOptions,
  type StoredObject,
} from "@hotpatch/core";
import { assertVersioningOff } from "./bucket-versioning.js";
import { createAliOssClient, type OssClient } from "./oss-client.js";
import { ossErrorCode, toStorageError } from "./oss-errors.js";
import { infoFromHeaders, normalisePutOptions } from "./oss-object-info.js";
import { MAX_SIGNED_URL_SECONDS, resolveOssOptions, type OssObjectStoreOptions } from "./oss-object-store-options.js";

/** ListObjectsV2 returns at most 1000 keys per page. */
const PAGE_SIZE = 1000;

export interface OssStoreSettings {
  publicBaseUrl?: string | undefined;
  signedUrlExpirySeconds?: number;
  /** The client that presigns download URLs (default: `client`). */
  signer?: OssClient;
}

/**
 * The ObjectStore port over Alibaba OSS (ali-oss). Create-if-absent is `x-oss-forbid-overwrite: true`
 * (409 FileAlreadyExists when the key exists); OSS answers `If-Match` / `If-None-Match` on PUT with
 * 400 NotImplemented, so they are never sent. Every failure other than "not found" / "already exists"
 * becomes core's StorageError, whose message never holds a credential.
 */
export class OssObjectStore implements ObjectStore {
  readonly #client: OssClient;
  /** Presigns download URLs: the public endpoint even when the function talks to OSS internally. */
  readonly #signer: OssClient;
  readonly #publicBaseUrl: string | undefined;
  readonly #signedUrlExpirySeconds: number;

  /** Use `OssObjectStore.open`; this constructor takes an already configured client (tests, custom clients). */
  constructor(client: OssClient, settings: OssStoreSettings = {}) {
    this.#client = client;
    this.#signer = settings.signer ?? client;
    this.#publicBaseUrl = settings.publicBaseUrl;
    this.#signedUrlExpirySeconds = settings.signedUrlExpirySeconds ?? 3600;
  }

  /**
   * Validates the options, builds the client and refuses a bucket with versioning (where OSS ignores
   * `x-oss-forbid-overwrite`, so create-if-absent — and with it every concurrent write — is unsafe).
   */
  static async open(options: OssObjectStoreOptions): Promise<OssObjectStore> {
    const resolved = resolveOssOptions(options);
    const first = resolved.credentials.current();
    const clientConfig = {
      bucket: resolved.bucket,
      region: resolved.region,
      accessKeyId: first.accessKeyId,
      accessKeySecret: first.accessKeySecret,
      ...(first.securityToken
        ? {
            securityToken: first.securityToken,
            refreshCredentials: async () => {
              const next = resolved.credentials.current();
              return { accessKeyId: next.accessKeyId, accessKeySecret: next.accessKeySecret, stsToken: next.securityToken ?? "" };
            },
          }
        : {}),
      refreshIntervalMs: resolved.credentialsRefreshMs,
      ...(resolved.endpoint ? { endpoint: resolved.endpoint } : {}),
      internal: resolved.internal,
      secure: resolved.secure,
      pathStyle: resolved.pathStyle,
      signatureV4: resolved.signatureV4,
      timeoutMs: resolved.timeoutMs,
    };
    const client = createAliOssClient(clientConfig);
    // Devices download from the Internet: a URL signed for the internal endpoint would not reach them.
    const signer = resolved.internal ? createAliOssClient({ ...clientConfig, internal: false }) : client;
    await assertVersioningOff(client, resolved.bucket);
    return new OssObjectStore(client, { publicBaseUrl: resolved.publicBaseUrl, signedUrlExpirySeconds: resolved.signedUrlExpirySeconds, signer });
  }

  async get(key: string): Promise<StoredObject | null> {
    assertValidObjectKey(key);
    try {
      const { content, res } = await this.#client.get(key);
      const body = new Uint8Array(content.buffer, content.byteOffset, content.byteLength);
      return { info: infoFromHeaders(key, res.headers, body.byteLength), body };
    } catch (error) {
      if (ossErrorCode(error) === "NoSuchKey") return null;
      throw toStorageError("GetObject", quote(key), error);
    }
  }

  async openRead(key: string): Promise<ObjectStream | null> {
    assertValidObjectKey(key);
    try {
      const { stream, res } = await this.#client.getStream(key);
      // The body streams from the one GET response, so it is the version that existed when it was opened.
      return { info: infoFromHeaders(key, res.headers), stream: Readable.toWeb(stream) as unknown as ReadableStream<Uint8Array> };
    } catch (error) {
      if (ossErrorCode(error) === "NoSuchKey") return null;
      throw toStorageError("GetObject", quote(key), error);
    }
  }

  async head(key: string): Promise<ObjectInfo | null> {
    assertValidObjectKey(key);
    try {
      const { res } = await this.#client.head(key);
      return infoFromHeaders(key, res.headers);
    } catch (error) {
      if (ossErrorCode(error) === "NoSuchKey") return null;
      throw toStorageError("HeadObject", quote(key), error);
    }
  }

  async put(key: string, body: Uint8Array, options?: PutOptions): Promise<ObjectInfo> {
    const request = this.#prepare(key, body, options);
    try {
      return await this.#send(request, {});
    } catch (error) {
      throw toStorageError("PutObject", quote(key), error);
    }
  }

  async putIfAbsent(key: string, body: Uint8Array, options?: PutOptions): Promise<ObjectInfo | null> {
    const request = this.#prepare(key, body, options);
    try {
      return await this.#send(request, { "x-oss-forbid-overwrite": "true" });
    } catch (error) {
      // 409 FileAlreadyExists: another writer created the key first, and nothing was written.
      if (ossErrorCode(error) === "FileAlreadyExists") return null;
      throw toStorageError("PutObject", quote(key), error);
    }
  }

  async delete(key: string): Promise<void> {
    assertValidObjectKey(key);
    try {
      await this.#client.delete(key); // 204 also for a missing key
    } catch (error) {
      if (ossErrorCode(error) === "NoSuchKey") return;
      throw toStorageError("DeleteObject", quote(key), error);
    }
  }

  async list(prefix: string, options: ListOptions = {}): Promise<ObjectInfo[]> {
    assertValidPrefix(prefix);
    const { startAfter, limit } = options;
    if (limit !== undefined && (!Number.isSafeInteger(limit) || limit < 0)) throw new InvalidRequestError("limit must be a whole number ≥ 0", "limit");
    const results: ObjectInfo[] = [];
    let continuationToken: string | null = null;
    while (limit === undefined || results.length < limit) {
      const pageSize = Math.min(PAGE_SIZE, limit === undefined ? PAGE_SIZE : limit - results.length);
      // An empty prefix is left out: on the wire `prefix=` looks like an empty sub-resource, which V4 signs
      // as a bare `prefix`, while ali-oss signs a "" value as `prefix=`.
      const query: Record<string, string | number> = { "max-keys": pageSize };
      if (prefix !== "") query.prefix = prefix;
      if (continuationToken !== null) query["continuation-token"] = continuationToken;
      else if (startAfter !== undefined) query["start-after"] = startAfter;
      let page;
      try {
        page = await this.#client.listV2(query, {});
      } catch (error) {
        throw toStorageError("ListObjectsV2", `prefix ${quote(prefix)}`, error);
      }
      for (const object of page.objects) {
        results.push({ key: object.name, size: object.size, etag: object.etag, lastModified: new Date(object.lastModified), metadata: {} });
      }
      if (!page.isTruncated || !page.nextContinuationToken) break;
      continuationToken = page.nextContinuationToken;
    }
    return results;
  }

  async downloadUrl(key: string, options: DownloadUrlOptions = {}): Promise<string> {
    assertValidObjectKey(key);
    if (this.#publicBaseUrl !== undefined) return `${this.#publicBaseUrl}/${key.split("/").map(encodeURIComponent).join("/")}`;
    const lifetime = options.expiresInSeconds ?? this.#signedUrlExpirySeconds;
    if (!Number.isFinite(lifetime) || lifetime <= 0 || lifetime > MAX_SIGNED_URL_SECONDS) {
      throw new InvalidRequestError(`expiresInSeconds must be between 1 and ${MAX_SIGNED_URL_SECONDS}`, "expiresInSeconds");
    }
    try {
      return await this.#signer.signatureUrlV4("GET", Math.ceil(lifetime), { headers: {}, queries: {} }, key);
    } catch (error) {
      throw toStorageError("presigning", quote(key), error);
    }
  }

  /** Validates before any request, so refused input never reaches OSS. */
  #prepare(key: string, body: Uint8Array, options: PutOptions | undefined): PreparedPut {
    assertValidObjectKey(key);
    const { contentType, metadata } = normalisePutOptions(options);
    if (!(body instanceof Uint8Array)) throw new InvalidRequestError("body must be a Uint8Array", "body");
    return { key, body, contentType, metadata };
  }

  async #send({ key, body, contentType, metadata }: PreparedPut, headers: Record<string, string>): Promise<ObjectInfo> {
    // ali-oss only accepts a Buffer; this view shares the caller's bytes for the duration of the request.
    const buffer = Buffer.from(body.buffer, body.byteOffset, body.byteLength);
    const { res } = await this.#client.put(key, buffer, { mime: contentType, meta: metadata, headers });
    const etag = res.headers.etag;
    const date = res.headers.date;
    return {
      key,
      size: body.byteLength,
      etag: typeof etag === "string" ? etag : "",
      lastModified: typeof date === "string" ? new Date(date) : new Date(),
      contentType,
      metadata,
    };
  }
}

interface PreparedPut {
  key: string;
  body: Uint8Array;
  contentType: string;
  metadata: Record<string, string>;
}

function quote(key: string): string {
  return JSON.stringify(key);
}
