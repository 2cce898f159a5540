import * as z from "zod";
import { PROVIDERS } from "./settings.js";

/**
 * The shape of hotpatch.config.json — and of what the environment variables and command-line flags
 * add on top of it. Every object is strict, so a misspelled key fails instead of being ignored.
 * Requirements that depend on other keys (a bucket for a cloud provider, credentials that come
 * together) are checked after the layers are merged, in resolve-config.ts.
 */

const text = z.string().min(1);
const httpUrl = text.refine((value) => /^https?:\/\/[^\s]+$/.test(value) && URL.canParse(value), { message: "url" });
const wholeNumber = (min: number, max = Number.MAX_SAFE_INTEGER) => z.number().int().min(min).max(max);

/** Presigned URLs live at most 7 days on both OSS and S3. */
export const MAX_URL_TTL_SECONDS = 7 * 24 * 3600;

/** Deployment and access keys: 10-100 characters of `[A-Za-z0-9_-]`, as core accepts them. */
export const ACCESS_KEY_PATTERN = /^[A-Za-z0-9_-]{10,100}$/;

/** `/ota`: starts with a slash, does not end with one, no query or fragment. */
export const BASE_PATH_PATTERN = /^\/[^\s?#]*[^/\s?#]$/;

export const AUTH_MODES = ["none", "access-keys", "api-gateway"] as const;
export const LOG_LEVELS = ["debug", "info", "warn", "error"] as const;
export const LOG_DESTINATIONS = ["stdout", "stderr"] as const;
export const CREDENTIAL_SOURCES = ["runtime", "static"] as const;
export const API_GATEWAY_SCOPES = ["device", "all"] as const;

export const configInputSchema = z.strictObject({
  provider: z.enum(PROVIDERS).optional(),
  storage: z
    .strictObject({
      bucket: text.optional(),
      region: text.optional(),
      endpoint: httpUrl.optional(),
      pathStyle: z.boolean().optional(),
      internal: z.boolean().optional(),
      dataDir: text.optional(),
    })
    .optional(),
  credentials: z
    .strictObject({
      source: z.enum(CREDENTIAL_SOURCES).optional(),
      accessKeyId: text.optional(),
      accessKeySecret: text.optional(),
      securityToken: text.optional(),
    })
    .optional(),
  downloads: z
    .strictObject({
      publicBaseUrl: httpUrl.optional(),
      urlTtlSeconds: wholeNumber(1, MAX_URL_TTL_SECONDS).optional(),
      signingSecret: text.optional(),
    })
    .optional(),
  http: z
    .strictObject({
      port: wholeNumber(0, 65535).optional(),
      host: text.optional(),
      publicUrl: httpUrl.optional(),
      corsOrigin: text.optional(),
      basePath: text.regex(BASE_PATH_PATTERN).optional(),
    })
    .optional(),
  auth: z
    .strictObject({
      mode: z.enum(AUTH_MODES).optional(),
      accessKey: text.regex(ACCESS_KEY_PATTERN).optional(),
      apiGatewayApps: z.record(text, text).optional(),
      apiGatewayScope: z.enum(API_GATEWAY_SCOPES).optional(),
    })
    .optional(),
  log: z
    .strictObject({
      level: z.enum(LOG_LEVELS).optional(),
      destination: z.enum(LOG_DESTINATIONS).optional(),
    })
    .optional(),
  limits: z.strictObject({ maxPackageBytes: wholeNumber(1).optional() }).optional(),
  diffs: z.boolean().optional(),
  cacheMaxAgeMs: wholeNumber(0).optional(),
});

/** What one layer (a file, the environment, flags, a runtime's defaults) may say. */
export type ConfigInput = z.input<typeof configInputSchema>;

/** What each key must look like, for messages written for the person fixing it. */
export const EXPECTATIONS: Readonly<Record<string, string>> = {
  provider: `one of ${PROVIDERS.join(", ")}`,
  "storage.endpoint": "an http(s) URL",
  "storage.pathStyle": "true or false",
  "storage.internal": "true or false",
  "credentials.source": `one of ${CREDENTIAL_SOURCES.join(", ")}`,
  "downloads.publicBaseUrl": "an http(s) URL",
  "downloads.urlTtlSeconds": `a whole number of seconds from 1 to ${MAX_URL_TTL_SECONDS} (7 days)`,
  "http.port": "a port number from 0 to 65535",
  "http.publicUrl": "an http(s) URL",
  "http.basePath": 'a path that starts with "/" and does not end with one, e.g. /ota',
  "auth.mode": `one of ${AUTH_MODES.join(", ")}`,
  "auth.accessKey": "10-100 characters of A-Z, a-z, 0-9, _ and -",
  "auth.apiGatewayApps": 'a JSON object mapping each AppKey to its AppSecret: {"<AppKey>": "<AppSecret>"}',
  "auth.apiGatewayScope": `one of ${API_GATEWAY_SCOPES.join(", ")}`,
  "log.level": `one of ${LOG_LEVELS.join(", ")}`,
  "log.destination": `one of ${LOG_DESTINATIONS.join(", ")}`,
  "limits.maxPackageBytes": "a whole number of bytes, at least 1",
  diffs: "true or false",
  cacheMaxAgeMs: "a whole number of milliseconds, at least 0",
};
