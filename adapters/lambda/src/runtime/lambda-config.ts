import { LOG_LEVEL_ORDER, type LogLevel } from "@hotpatch/core";
import { LambdaConfigError } from "../errors.js";

/** What the Lambda functions read from their environment, validated once per container. */
export interface LambdaConfig {
  region: string;
  bucket: string;
  /** Devices download from here (CloudFront); presigned S3 URLs when absent. */
  publicBaseUrl?: string;
  downloadUrlTtlSeconds?: number;
  s3Endpoint?: string;
  s3ForcePathStyle?: boolean;
  logLevel: LogLevel;
  cacheMaxAgeMs?: number;
  corsOrigin?: string;
  basePath?: string;
  /** An access key to make sure exists (the operator's first key); from a NoEcho parameter or a secret. */
  bootstrapAccessKey?: string;
  /** Build CodePush diff packages after each release (default true). */
  diffs?: boolean;
  functionName?: string;
}

/** Every variable hotpatch reads; any other `HOTPATCH_*` is a typo and refused. */
export const LAMBDA_VARIABLES = {
  bucket: "HOTPATCH_BUCKET",
  publicBaseUrl: "HOTPATCH_PUBLIC_BASE_URL",
  downloadUrlTtlSeconds: "HOTPATCH_DOWNLOAD_URL_TTL_SECONDS",
  s3Endpoint: "HOTPATCH_S3_ENDPOINT",
  s3ForcePathStyle: "HOTPATCH_S3_FORCE_PATH_STYLE",
  logLevel: "HOTPATCH_LOG_LEVEL",
  cacheMaxAgeMs: "HOTPATCH_CACHE_MAX_AGE_MS",
  corsOrigin: "HOTPATCH_CORS_ORIGIN",
  basePath: "HOTPATCH_BASE_PATH",
  bootstrapAccessKey: "HOTPATCH_BOOTSTRAP_ACCESS_KEY",
  diffs: "HOTPATCH_DIFFS",
} as const;

const KNOWN = new Set<string>(Object.values(LAMBDA_VARIABLES));

export type Environment = Readonly<Record<string, string | undefined>>;

/** Reads and validates the configuration; the error names the variable to fix. */
export function parseLambdaConfig(env: Environment): LambdaConfig {
  for (const name of Object.keys(env)) {
    if (name.startsWith("HOTPATCH_") && !KNOWN.has(name)) {
      throw new LambdaConfigError(`unknown variable ${name} (known: ${[...KNOWN].join(", ")})`, name);
    }
  }
  const text = (name: string): string | undefined => {
    const value = env[name]?.trim();
    return value === undefined || value === "" ? undefined : value;
  };
  const required = (name: string, why: string): string => {
    const value = text(name);
    if (value === undefined) throw new LambdaConfigError(`${name} is required: ${why}`, name);
    return value;
  };
  const wholeNumber = (name: string, min: number): number | undefined => {
    const value = text(name);
    if (value === undefined) return undefined;
    if (!/^\d+$/.test(value) || Number(value) < min) throw new LambdaConfigError(`${name} must be a whole number ≥ ${min}, got "${value}"`, name);
    return Number(value);
  };
  const url = (name: string): string | undefined => {
    const value = text(name);
    if (value === undefined) return undefined;
    if (!/^https?:\/\/[^\s]+$/.test(value) || !URL.canParse(value)) throw new LambdaConfigError(`${name} must be an http(s) URL, got "${value}"`, name);
    return value;
  };

  const logLevel = text(LAMBDA_VARIABLES.logLevel) ?? "info";
  if (!Object.hasOwn(LOG_LEVEL_ORDER, logLevel)) {
    throw new LambdaConfigError(`${LAMBDA_VARIABLES.logLevel} must be one of ${Object.keys(LOG_LEVEL_ORDER).join(", ")}`, LAMBDA_VARIABLES.logLevel);
  }
  const flag = (name: string): boolean | undefined => {
    const value = text(name);
    if (value === undefined) return undefined;
    if (value !== "true" && value !== "false") throw new LambdaConfigError(`${name} must be "true" or "false"`, name);
    return value === "true";
  };
  const basePath = text(LAMBDA_VARIABLES.basePath);
  if (basePath !== undefined && !/^\/[^\s?#]*[^/\s?#]$/.test(basePath)) {
    throw new LambdaConfigError(`${LAMBDA_VARIABLES.basePath} must start with "/" and not end with one, e.g. /ota`, LAMBDA_VARIABLES.basePath);
  }

  const config: LambdaConfig = {
    region: required("AWS_REGION", "Lambda sets it; set it yourself when running the handlers elsewhere"),
    bucket: required(LAMBDA_VARIABLES.bucket, "the bucket holding releases and metadata"),
    logLevel: logLevel as LogLevel,
  };
  const optional: Partial<LambdaConfig> = {
    publicBaseUrl: url(LAMBDA_VARIABLES.publicBaseUrl),
    downloadUrlTtlSeconds: wholeNumber(LAMBDA_VARIABLES.downloadUrlTtlSeconds, 1),
    s3Endpoint: url(LAMBDA_VARIABLES.s3Endpoint),
    s3ForcePathStyle: flag(LAMBDA_VARIABLES.s3ForcePathStyle),
    cacheMaxAgeMs: wholeNumber(LAMBDA_VARIABLES.cacheMaxAgeMs, 0),
    corsOrigin: text(LAMBDA_VARIABLES.corsOrigin),
    basePath,
    bootstrapAccessKey: text(LAMBDA_VARIABLES.bootstrapAccessKey),
    diffs: flag(LAMBDA_VARIABLES.diffs),
    functionName: text("AWS_LAMBDA_FUNCTION_NAME"),
  };
  for (const [name, value] of Object.entries(optional)) {
    if (value !== undefined) Object.assign(config, { [name]: value });
  }
  return config;
}
