import { createHmac, timingSafeEqual } from "node:crypto";
import { InvalidRequestError } from "@hotpatch/core";
import { InvalidOptionsError } from "../errors.js";

/** How the local stores build the URL a device downloads a key from. */
export interface DownloadUrlConfig {
  /** Where the HTTP adapter is reachable from devices, e.g. `http://127.0.0.1:3000` or a CDN origin. */
  publicBaseUrl: string;
  /** When set, URLs carry `expires` and `signature`; the HTTP adapter checks them with `verifyDownloadSignature`. */
  signingSecret?: string;
  /** Lifetime of a signed URL when the caller does not pass one (default 3600 s). */
  defaultExpirySeconds?: number;
}

/** The HTTP adapter serves `GET <STORAGE_ROUTE_PREFIX><encoded key>`. */
export const STORAGE_ROUTE_PREFIX = "/storage/";
export const DEFAULT_DOWNLOAD_EXPIRY_SECONDS = 3600;

/** `a b/c+d` → `a%20b/c%2Bd`: each segment percent-encoded, slashes kept. */
export function encodeKeyPath(key: string): string {
  return key.split("/").map(encodeURIComponent).join("/");
}

/**
 * The key named by a request path (`/storage/a%20b/c` → `a b/c`), or null when the path is not a storage
 * path or is not valid percent-encoding. The caller still validates the key.
 */
export function keyFromStoragePath(pathname: string): string | null {
  if (!pathname.startsWith(STORAGE_ROUTE_PREFIX)) return null;
  try {
    return pathname.slice(STORAGE_ROUTE_PREFIX.length).split("/").map(decodeURIComponent).join("/");
  } catch {
    return null;
  }
}

/** Hex HMAC-SHA256 over `key + "\n" + expires`; the newline (never part of a key) keeps the two fields apart. */
export function signDownload(key: string, expires: number, secret: string): string {
  return createHmac("sha256", secret).update(`${key}\n${expires}`, "utf8").digest("hex");
}

/**
 * Checks a signed download URL's query values for `key`. False when the signature does not match, the
 * values are malformed or `expires` (unix seconds) lies before `now`. Compares in constant time.
 */
export function verifyDownloadSignature(
  key: string,
  expires: string | number,
  signature: string,
  secret: string,
  now: Date = new Date(),
): boolean {
  if (secret.length === 0) return false;
  const expiresAt = typeof expires === "number" ? expires : /^\d{1,15}$/.test(expires) ? Number(expires) : NaN;
  if (!Number.isSafeInteger(expiresAt) || expiresAt < 0) return false;
  if (!/^[0-9a-f]{64}$/i.test(signature)) return false;
  if (Math.floor(now.getTime() / 1000) > expiresAt) return false;
  const expected = Buffer.from(signDownload(key, expiresAt, secret), "hex");
  return timingSafeEqual(expected, Buffer.from(signature, "hex"));
}

/** Builds download URLs for one store; validates its options once, at construction. */
export class DownloadUrlBuilder {
  readonly #baseUrl: string;
  readonly #secret: string | undefined;
  readonly #defaultExpirySeconds: number;
  readonly #now: () => Date;

  constructor(options: DownloadUrlConfig, now: () => Date) {
    this.#baseUrl = parseBaseUrl(options.publicBaseUrl);
    if (options.signingSecret !== undefined && (typeof options.signingSecret !== "string" || options.signingSecret === "")) {
      throw new InvalidOptionsError("signingSecret must be a non-empty string when set", "signingSecret");
    }
    this.#secret = options.signingSecret;
    const expiry = options.defaultExpirySeconds ?? DEFAULT_DOWNLOAD_EXPIRY_SECONDS;
    if (!Number.isSafeInteger(expiry) || expiry <= 0) {
      throw new InvalidOptionsError("defaultExpirySeconds must be a positive whole number of seconds", "defaultExpirySeconds");
    }
    this.#defaultExpirySeconds = expiry;
    this.#now = now;
  }

  /** The URL for a key that the caller has already validated. */
  build(key: string, expiresInSeconds?: number): string {
    const url = `${this.#baseUrl}${STORAGE_ROUTE_PREFIX}${encodeKeyPath(key)}`;
    if (this.#secret === undefined) return url;
    const lifetime = expiresInSeconds ?? this.#defaultExpirySeconds;
    if (!Number.isFinite(lifetime) || lifetime <= 0) {
      throw new InvalidRequestError("expiresInSeconds must be a positive number", "expiresInSeconds");
    }
    const expires = Math.floor(this.#now().getTime() / 1000) + Math.ceil(lifetime);
    return `${url}?expires=${expires}&signature=${signDownload(key, expires, this.#secret)}`;
  }
}

function parseBaseUrl(value: unknown): string {
  let parsed: URL;
  try {
    parsed = new URL(String(value));
  } catch {
    throw new InvalidOptionsError(`publicBaseUrl must be an absolute http(s) URL, got ${JSON.stringify(value)}`, "publicBaseUrl");
  }
  if (typeof value !== "string" || (parsed.protocol !== "http:" && parsed.protocol !== "https:")) {
    throw new InvalidOptionsError(`publicBaseUrl must be an absolute http(s) URL, got ${JSON.stringify(value)}`, "publicBaseUrl");
  }
  if (parsed.search !== "" || parsed.hash !== "" || parsed.username !== "" || parsed.password !== "") {
    throw new InvalidOptionsError("publicBaseUrl must not carry a query, a fragment or credentials", "publicBaseUrl");
  }
  return `${parsed.origin}${parsed.pathname.replace(/\/+$/, "")}`;
}
