/**
 * Every configuration key hotpatch knows, with the one environment variable that sets it. This table
 * drives reading the environment, masking secrets in printouts, and the check that
 * docs/configuration.md documents every variable; the zod schema (schema.ts) gives the keys their
 * types, and a test keeps the two in step.
 */

export const PROVIDERS = ["local", "alibaba", "aws"] as const;
export type Provider = (typeof PROVIDERS)[number];

/** How an environment variable's text becomes the value the schema checks. */
export type ValueKind = "text" | "boolean" | "integer" | "json";

export interface Setting {
  /** Dotted path in hotpatch.config.json, e.g. `storage.bucket`. */
  key: string;
  variable: string;
  /** Names used before the variables were unified; still read, never both at once. */
  aliases?: readonly string[];
  kind: ValueKind;
  /** Never printed, logged or echoed in an error: masked wherever configuration is shown. */
  secret?: boolean;
  /** The providers the key applies to; setting it for another provider is a mistake worth failing on. */
  providers?: readonly Provider[];
}

const CLOUDS: readonly Provider[] = ["alibaba", "aws"];

export const SETTINGS: readonly Setting[] = [
  { key: "provider", variable: "HOTPATCH_PROVIDER", kind: "text" },
  { key: "storage.bucket", variable: "HOTPATCH_BUCKET", kind: "text", providers: CLOUDS },
  { key: "storage.region", variable: "HOTPATCH_REGION", aliases: ["HOTPATCH_OSS_REGION"], kind: "text", providers: CLOUDS },
  { key: "storage.endpoint", variable: "HOTPATCH_ENDPOINT", aliases: ["HOTPATCH_OSS_ENDPOINT", "HOTPATCH_S3_ENDPOINT"], kind: "text", providers: CLOUDS },
  { key: "storage.pathStyle", variable: "HOTPATCH_PATH_STYLE", aliases: ["HOTPATCH_OSS_PATH_STYLE", "HOTPATCH_S3_FORCE_PATH_STYLE"], kind: "boolean", providers: CLOUDS },
  { key: "storage.internal", variable: "HOTPATCH_OSS_INTERNAL", kind: "boolean", providers: ["alibaba"] },
  { key: "storage.dataDir", variable: "HOTPATCH_DATA_DIR", kind: "text", providers: ["local"] },
  { key: "credentials.source", variable: "HOTPATCH_CREDENTIALS", kind: "text", providers: CLOUDS },
  { key: "credentials.accessKeyId", variable: "HOTPATCH_CLOUD_ACCESS_KEY_ID", kind: "text", providers: CLOUDS },
  { key: "credentials.accessKeySecret", variable: "HOTPATCH_CLOUD_ACCESS_KEY_SECRET", kind: "text", secret: true, providers: CLOUDS },
  { key: "credentials.securityToken", variable: "HOTPATCH_CLOUD_SECURITY_TOKEN", kind: "text", secret: true, providers: CLOUDS },
  { key: "downloads.publicBaseUrl", variable: "HOTPATCH_PUBLIC_BASE_URL", kind: "text" },
  { key: "downloads.urlTtlSeconds", variable: "HOTPATCH_DOWNLOAD_URL_TTL_SECONDS", aliases: ["HOTPATCH_SIGNED_URL_EXPIRY_SECONDS"], kind: "integer" },
  { key: "downloads.signingSecret", variable: "HOTPATCH_SIGNING_SECRET", kind: "text", secret: true, providers: ["local"] },
  { key: "http.port", variable: "HOTPATCH_PORT", kind: "integer" },
  { key: "http.host", variable: "HOTPATCH_HOST", kind: "text" },
  { key: "http.publicUrl", variable: "HOTPATCH_PUBLIC_URL", kind: "text" },
  { key: "http.corsOrigin", variable: "HOTPATCH_CORS_ORIGIN", kind: "text" },
  { key: "http.basePath", variable: "HOTPATCH_BASE_PATH", kind: "text" },
  { key: "auth.mode", variable: "HOTPATCH_AUTH", kind: "text" },
  { key: "auth.accessKey", variable: "HOTPATCH_ACCESS_KEY", aliases: ["HOTPATCH_BOOTSTRAP_ACCESS_KEY"], kind: "text", secret: true },
  { key: "auth.apiGatewayApps", variable: "HOTPATCH_CA_APPS", kind: "json", secret: true },
  { key: "auth.apiGatewayScope", variable: "HOTPATCH_CA_SCOPE", kind: "text" },
  { key: "log.level", variable: "HOTPATCH_LOG_LEVEL", kind: "text" },
  { key: "log.destination", variable: "HOTPATCH_LOG_DESTINATION", kind: "text" },
  { key: "limits.maxPackageBytes", variable: "HOTPATCH_MAX_PACKAGE_BYTES", kind: "integer" },
  { key: "diffs", variable: "HOTPATCH_DIFFS", kind: "boolean" },
  { key: "cacheMaxAgeMs", variable: "HOTPATCH_CACHE_MAX_AGE_MS", kind: "integer" },
];

/** Names the path of the configuration file instead of setting a key. */
export const CONFIG_FILE_VARIABLE = "HOTPATCH_CONFIG";

/**
 * `HOTPATCH_*` variables that other hotpatch tools read (the management CLI, the test suites). They
 * share a shell with the server, so they are not mistakes; the server ignores them.
 */
export const OTHER_TOOLS_VARIABLES: readonly string[] = [
  "HOTPATCH_SERVER",
  "HOTPATCH_HOME",
  "HOTPATCH_CA_KEY",
  "HOTPATCH_CA_SECRET",
  "HOTPATCH_RN_BUNDLES",
  "HOTPATCH_STACK_REGION",
  "HOTPATCH_STACK_BUCKET",
  "HOTPATCH_HTTP_FUNCTION",
  "HOTPATCH_S3_FUNCTION",
];

/**
 * Variables the platforms set themselves. They fill gaps (the region, the role's credentials, the
 * function's name for log lines); a HOTPATCH_* variable always wins over them.
 */
export const PLATFORM_VARIABLES = {
  fcRegion: "FC_REGION",
  awsRegion: "AWS_REGION",
  lambdaFunctionName: "AWS_LAMBDA_FUNCTION_NAME",
  alibabaAccessKeyId: "ALIBABA_CLOUD_ACCESS_KEY_ID",
  alibabaAccessKeySecret: "ALIBABA_CLOUD_ACCESS_KEY_SECRET",
  alibabaSecurityToken: "ALIBABA_CLOUD_SECURITY_TOKEN",
} as const;

const BY_KEY = new Map(SETTINGS.map((setting) => [setting.key, setting]));

export function settingFor(key: string): Setting | undefined {
  return BY_KEY.get(key);
}

/**
 * `HOTPATCH_BUCKET (storage.bucket)`: how messages name a key, so that both the file's and the
 * environment's user find it. `variable` is the name actually used, when an older one was.
 */
export function describeKey(key: string, variable?: string): string {
  const name = variable ?? BY_KEY.get(key)?.variable;
  return name ? `${name} (${key})` : key;
}

export function isSecretKey(key: string): boolean {
  return BY_KEY.get(key)?.secret === true;
}
