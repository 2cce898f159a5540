import { isCredentialsProvider, staticCredentials, type AlibabaCredentials, type CredentialsProvider } from "../credentials.js";
import { InvalidAlibabaOptionsError } from "../errors.js";
import { bareRegion, optionalPositiveInteger, rejectUnknownKeys, requireNonEmptyString } from "../options.js";

export interface OssObjectStoreOptions {
  bucket: string;
  /** `cn-hangzhou` (the `oss-` prefix is accepted and dropped). Also the V4 signing region. */
  region: string;
  /** An AccessKey pair, STS credentials, or a provider of rotating ones (FC's role). Never logged. */
  credentials: AlibabaCredentials | CredentialsProvider;
  /** Overrides the region's endpoint, e.g. `http://localhost:9000` for an emulator. */
  endpoint?: string;
  /** Use the region's intranet endpoint (free and faster from FC in the same region). */
  internal?: boolean;
  /** HTTPS to the region endpoint (default true; ali-oss itself defaults to plain http). */
  secure?: boolean;
  /** Path-style addressing (`/<bucket>/<key>`), for emulators and custom endpoints. */
  pathStyle?: boolean;
  /** Request signature: "v4" (OSS4-HMAC-SHA256, default) or "v1" (HMAC-SHA1). */
  signatureVersion?: "v1" | "v4";
  /**
   * Devices download from `<publicBaseUrl>/<key>` (a public-read bucket or a CDN in front of it). Without
   * it, download URLs are V4-presigned and expire.
   */
  publicBaseUrl?: string;
  /** Lifetime of presigned download URLs (default 3600 s, at most 7 days). */
  signedUrlExpirySeconds?: number;
  /** Per-request timeout (default 60 s). */
  timeoutMs?: number;
  /** How often rotating STS credentials are re-read (default 60 s). */
  credentialsRefreshMs?: number;
}

const OPTION_KEYS = [
  "bucket",
  "region",
  "credentials",
  "endpoint",
  "internal",
  "secure",
  "pathStyle",
  "signatureVersion",
  "publicBaseUrl",
  "signedUrlExpirySeconds",
  "timeoutMs",
  "credentialsRefreshMs",
];

/** OSS refuses presigned V4 URLs that live longer than 7 days. */
export const MAX_SIGNED_URL_SECONDS = 7 * 24 * 3600;
const OWNER = "OssObjectStore";

export interface ResolvedOssOptions {
  bucket: string;
  region: string;
  credentials: CredentialsProvider;
  endpoint: string | undefined;
  internal: boolean;
  secure: boolean;
  pathStyle: boolean;
  signatureV4: boolean;
  publicBaseUrl: string | undefined;
  signedUrlExpirySeconds: number;
  timeoutMs: number;
  credentialsRefreshMs: number;
}

/** Validates once, at the composition root: unknown keys and missing values fail with the field's name. */
export function resolveOssOptions(options: OssObjectStoreOptions): ResolvedOssOptions {
  if (typeof options !== "object" || options === null) throw new InvalidAlibabaOptionsError(`${OWNER} needs an options object`);
  rejectUnknownKeys(options, OPTION_KEYS, OWNER);
  const bucket = requireNonEmptyString(options.bucket, "bucket", OWNER);
  if (!/^[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$/.test(bucket)) {
    throw new InvalidAlibabaOptionsError(`bucket "${bucket}" is not a valid OSS bucket name (3-63 of a-z, 0-9 and -)`, "bucket");
  }
  const region = bareRegion(requireNonEmptyString(options.region, "region", OWNER));
  if (options.credentials === undefined || options.credentials === null) {
    throw new InvalidAlibabaOptionsError(`${OWNER} needs "credentials"`, "credentials");
  }
  const credentials = isCredentialsProvider(options.credentials) ? options.credentials : staticCredentials(options.credentials);
  const endpoint = options.endpoint === undefined ? undefined : requireNonEmptyString(options.endpoint, "endpoint", OWNER);
  if (options.signatureVersion !== undefined && options.signatureVersion !== "v1" && options.signatureVersion !== "v4") {
    throw new InvalidAlibabaOptionsError(`signatureVersion must be "v1" or "v4"`, "signatureVersion");
  }
  const expiry = optionalPositiveInteger(options.signedUrlExpirySeconds, "signedUrlExpirySeconds", OWNER) ?? 3600;
  if (expiry > MAX_SIGNED_URL_SECONDS) {
    throw new InvalidAlibabaOptionsError(`signedUrlExpirySeconds must be at most ${MAX_SIGNED_URL_SECONDS} (7 days)`, "signedUrlExpirySeconds");
  }
  return {
    bucket,
    region,
    credentials,
    endpoint,
    internal: booleanOption(options.internal, "internal", false),
    secure: booleanOption(options.secure, "secure", true),
    pathStyle: booleanOption(options.pathStyle, "pathStyle", false),
    signatureV4: (options.signatureVersion ?? "v4") === "v4",
    publicBaseUrl: options.publicBaseUrl === undefined ? undefined : parseBaseUrl(options.publicBaseUrl),
    signedUrlExpirySeconds: expiry,
    timeoutMs: optionalPositiveInteger(options.timeoutMs, "timeoutMs", OWNER) ?? 60_000,
    credentialsRefreshMs: optionalPositiveInteger(options.credentialsRefreshMs, "credentialsRefreshMs", OWNER) ?? 60_000,
  };
}

function booleanOption(value: unknown, field: string, fallback: boolean): boolean {
  if (value === undefined) return fallback;
  if (typeof value !== "boolean") throw new InvalidAlibabaOptionsError(`${OWNER}: "${field}" must be true or false`, field);
  return value;
}

function parseBaseUrl(value: unknown): string {
  let parsed: URL;
  try {
    parsed = new URL(String(value));
  } catch {
    throw new InvalidAlibabaOptionsError(`publicBaseUrl must be an absolute http(s) URL, got ${JSON.stringify(value)}`, "publicBaseUrl");
  }
  if (parsed.protocol !== "http:" && parsed.protocol !== "https:") {
    throw new InvalidAlibabaOptionsError(`publicBaseUrl must be an absolute http(s) URL, got ${JSON.stringify(value)}`, "publicBaseUrl");
  }
  if (parsed.search !== "" || parsed.hash !== "" || parsed.username !== "" || parsed.password !== "") {
    throw new InvalidAlibabaOptionsError("publicBaseUrl must not carry a query, a fragment or credentials", "publicBaseUrl");
  }
  return `${parsed.origin}${parsed.pathname.replace(/\/+$/, "")}`;
}
