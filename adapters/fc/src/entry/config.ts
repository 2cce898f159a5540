import { InvalidRequestError, type LogLevel } from "@hotpatch/core";
import type { AlibabaCredentials } from "@hotpatch/provider-alibaba";

/** What the FC entry points read from the function's environment variables (s.yaml `environmentVariables`). */
export interface FcConfig {
  bucket: string;
  /** Bare region; defaults to FC_REGION, the function's own. */
  region: string;
  endpoint: string | undefined;
  /** Intranet endpoint (default when running on FC: same-region traffic is free). */
  internal: boolean;
  pathStyle: boolean;
  publicBaseUrl: string | undefined;
  signedUrlExpirySeconds: number | undefined;
  logLevel: LogLevel;
  cacheMaxAgeMs: number | undefined;
  /** An access key the server accepts from the first start on (created when missing). */
  accessKey: string | undefined;
  /** AppKey → AppSecret when the HTTP trigger itself must verify API Gateway signatures. */
  apiGatewayApps: Record<string, string> | undefined;
  apiGatewayScope: "device" | "all";
  /** The role's STS credentials FC sets in the environment, used until an invocation brings fresh ones. */
  initialCredentials: AlibabaCredentials | undefined;
}

/** Every HOTPATCH_* variable the entry points know; any other is a typo and fails the start. */
export const FC_ENV_VARIABLES = [
  "HOTPATCH_BUCKET",
  "HOTPATCH_OSS_REGION",
  "HOTPATCH_OSS_ENDPOINT",
  "HOTPATCH_OSS_INTERNAL",
  "HOTPATCH_OSS_PATH_STYLE",
  "HOTPATCH_PUBLIC_BASE_URL",
  "HOTPATCH_SIGNED_URL_EXPIRY_SECONDS",
  "HOTPATCH_LOG_LEVEL",
  "HOTPATCH_CACHE_MAX_AGE_MS",
  "HOTPATCH_ACCESS_KEY",
  "HOTPATCH_CA_APPS",
  "HOTPATCH_CA_SCOPE",
] as const;

/** A configuration mistake: the message names the variable, never a secret value. */
export class FcConfigError extends InvalidRequestError {
  constructor(message: string, variable: string) {
    super(message, variable);
    this.name = "FcConfigError";
  }
}

type Env = Readonly<Record<string, string | undefined>>;

function flag(env: Env, name: string, fallback: boolean): boolean {
  const value = env[name];
  if (value === undefined || value === "") return fallback;
  if (value !== "true" && value !== "false") throw new FcConfigError(`${name} must be "true" or "false"`, name);
  return value === "true";
}

function positiveInteger(env: Env, name: string): number | undefined {
  const value = env[name];
  if (value === undefined || value === "") return undefined;
  if (!/^\d+$/.test(value)) throw new FcConfigError(`${name} must be a whole number`, name);
  return Number(value);
}

/** Validated once per instance, at composition. */
export function readFcConfig(env: Env): FcConfig {
  const unknown = Object.keys(env).filter((name) => name.startsWith("HOTPATCH_") && !(FC_ENV_VARIABLES as readonly string[]).includes(name));
  if (unknown.length > 0) throw new FcConfigError(`unknown variable ${unknown.join(", ")} (known: ${FC_ENV_VARIABLES.join(", ")})`, unknown[0] as string);
  const bucket = env.HOTPATCH_BUCKET;
  if (!bucket) throw new FcConfigError("HOTPATCH_BUCKET is missing: the OSS bucket that holds hotpatch's data", "HOTPATCH_BUCKET");
  const region = env.HOTPATCH_OSS_REGION || env.FC_REGION;
  if (!region) throw new FcConfigError("HOTPATCH_OSS_REGION is missing (and FC_REGION is not set, so this is not running on FC)", "HOTPATCH_OSS_REGION");
  const logLevel = env.HOTPATCH_LOG_LEVEL || "info";
  if (!["debug", "info", "warn", "error"].includes(logLevel)) throw new FcConfigError("HOTPATCH_LOG_LEVEL must be debug, info, warn or error", "HOTPATCH_LOG_LEVEL");
  let apiGatewayApps: Record<string, string> | undefined;
  if (env.HOTPATCH_CA_APPS) {
    try {
      apiGatewayApps = JSON.parse(env.HOTPATCH_CA_APPS) as Record<string, string>;
    } catch {
      throw new FcConfigError('HOTPATCH_CA_APPS must be JSON: {"<AppKey>": "<AppSecret>"}', "HOTPATCH_CA_APPS");
    }
    if (typeof apiGatewayApps !== "object" || apiGatewayApps === null || Object.values(apiGatewayApps).some((secret) => typeof secret !== "string" || secret === "")) {
      throw new FcConfigError('HOTPATCH_CA_APPS must map each AppKey to a non-empty AppSecret string', "HOTPATCH_CA_APPS");
    }
  }
  const scope = env.HOTPATCH_CA_SCOPE || "device";
  if (scope !== "device" && scope !== "all") throw new FcConfigError('HOTPATCH_CA_SCOPE must be "device" or "all"', "HOTPATCH_CA_SCOPE");
  const id = env.ALIBABA_CLOUD_ACCESS_KEY_ID;
  const secret = env.ALIBABA_CLOUD_ACCESS_KEY_SECRET;
  const token = env.ALIBABA_CLOUD_SECURITY_TOKEN;
  return {
    bucket,
    region,
    endpoint: env.HOTPATCH_OSS_ENDPOINT || undefined,
    internal: flag(env, "HOTPATCH_OSS_INTERNAL", env.FC_REGION !== undefined && !env.HOTPATCH_OSS_ENDPOINT),
    pathStyle: flag(env, "HOTPATCH_OSS_PATH_STYLE", false),
    publicBaseUrl: env.HOTPATCH_PUBLIC_BASE_URL || undefined,
    signedUrlExpirySeconds: positiveInteger(env, "HOTPATCH_SIGNED_URL_EXPIRY_SECONDS"),
    logLevel: logLevel as LogLevel,
    cacheMaxAgeMs: positiveInteger(env, "HOTPATCH_CACHE_MAX_AGE_MS"),
    accessKey: env.HOTPATCH_ACCESS_KEY || undefined,
    apiGatewayApps,
    apiGatewayScope: scope,
    initialCredentials: id && secret ? { accessKeyId: id, accessKeySecret: secret, ...(token ? { securityToken: token } : {}) } : undefined,
  };
}
