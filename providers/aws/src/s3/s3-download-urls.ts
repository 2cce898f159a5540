import { GetObjectCommand, type S3Client } from "@aws-sdk/client-s3";
import { getSignedUrl } from "@aws-sdk/s3-request-presigner";
import { InvalidRequestError } from "@hotpatch/core";
import { InvalidOptionsError } from "../errors.js";
import { parseBaseUrl } from "../options.js";

export const DEFAULT_PRESIGNED_EXPIRY_SECONDS = 3600;
/** SigV4 presigned URLs live at most seven days. */
export const MAX_PRESIGNED_EXPIRY_SECONDS = 7 * 24 * 3600;

export interface DownloadUrlSettings {
  /** Devices download `<publicBaseUrl>/<key>` (a CloudFront distribution or a public-read prefix). */
  publicBaseUrl?: string;
  /** Presigned URL lifetime when the caller gives none (default 3600 s). */
  defaultExpirySeconds?: number;
}

/** `a b/c+d` → `a%20b/c%2Bd`: each segment percent-encoded, slashes kept. */
export function encodeKeyPath(key: string): string {
  return key.split("/").map(encodeURIComponent).join("/");
}

/** URLs a device can GET without credentials: under a public base URL, or presigned GetObject URLs. */
export class S3DownloadUrls {
  readonly #client: S3Client;
  readonly #bucket: string;
  readonly #publicBaseUrl: string | undefined;
  readonly #defaultExpirySeconds: number;

  constructor(client: S3Client, bucket: string, settings: DownloadUrlSettings) {
    this.#client = client;
    this.#bucket = bucket;
    this.#publicBaseUrl = settings.publicBaseUrl === undefined ? undefined : parseBaseUrl(settings.publicBaseUrl, "publicBaseUrl", "S3ObjectStore");
    const expiry = settings.defaultExpirySeconds ?? DEFAULT_PRESIGNED_EXPIRY_SECONDS;
    if (!Number.isSafeInteger(expiry) || expiry <= 0 || expiry > MAX_PRESIGNED_EXPIRY_SECONDS) {
      throw new InvalidOptionsError(`S3ObjectStore: defaultExpirySeconds must be a whole number in 1..${MAX_PRESIGNED_EXPIRY_SECONDS}`, "defaultExpirySeconds");
    }
    this.#defaultExpirySeconds = expiry;
  }

  get signed(): boolean {
    return this.#publicBaseUrl === undefined;
  }

  /** For a key the caller has already validated. Signing is local (no request to S3). */
  async build(key: string, expiresInSeconds?: number): Promise<string> {
    if (this.#publicBaseUrl !== undefined) return `${this.#publicBaseUrl}/${encodeKeyPath(key)}`;
    const lifetime = expiresInSeconds ?? this.#defaultExpirySeconds;
    if (!Number.isFinite(lifetime) || lifetime <= 0 || lifetime > MAX_PRESIGNED_EXPIRY_SECONDS) {
      throw new InvalidRequestError(`expiresInSeconds must be in (0, ${MAX_PRESIGNED_EXPIRY_SECONDS}]`, "expiresInSeconds");
    }
    return getSignedUrl(this.#client, new GetObjectCommand({ Bucket: this.#bucket, Key: key }), { expiresIn: Math.ceil(lifetime) });
  }
}
