import type { LogLevel } from "@hotpatch/core";
import type { API_GATEWAY_SCOPES, LOG_DESTINATIONS } from "./schema.js";

/** An AccessKey pair, or the STS triple of a role. */
export interface CloudCredentials {
  accessKeyId: string;
  accessKeySecret: string;
  securityToken?: string;
}

/**
 * `runtime`: what the platform gives the process — on FC the role's STS credentials (from each
 * invocation, and ALIBABA_CLOUD_* until the first one), on AWS the SDK's default chain (Lambda's role).
 * `static`: an AccessKey pair from the configuration.
 */
export type CredentialsConfig = { source: "runtime"; initial?: CloudCredentials } | ({ source: "static" } & CloudCredentials);

export interface LocalStorageConfig {
  /** A folder for the filesystem store, or `:memory:`. */
  dataDir: string;
}

export interface OssStorageConfig {
  bucket: string;
  region: string;
  endpoint?: string;
  pathStyle: boolean;
  /** The region's intranet endpoint (free and faster from FC in the same region). */
  internal: boolean;
}

export interface S3StorageConfig {
  bucket: string;
  region: string;
  endpoint?: string;
  pathStyle?: boolean;
}

export type AuthConfig =
  /** The management API open to anyone who reaches it: a loopback-only, local-provider convenience. */
  | { mode: "none" }
  /** Management calls need an access key; devices are open, as with CodePush. */
  | { mode: "access-keys"; accessKey?: string }
  /** As access-keys, and API Gateway app signatures are verified in-process too. */
  | { mode: "api-gateway"; accessKey?: string; apps: Record<string, string>; scope: (typeof API_GATEWAY_SCOPES)[number] };

interface CommonConfig {
  downloads: {
    /** Devices download from `<publicBaseUrl>/<key>` (a CDN or public bucket); else signed URLs. */
    publicBaseUrl?: string;
    urlTtlSeconds?: number;
  };
  http: {
    port: number;
    host: string;
    /** Where devices reach this server (download URLs of the local provider are built from it). */
    publicUrl?: string;
    corsOrigin?: string;
    basePath?: string;
  };
  auth: AuthConfig;
  log: { level: LogLevel; destination: (typeof LOG_DESTINATIONS)[number] };
  limits: { maxPackageBytes?: number };
  diffs: boolean;
  cacheMaxAgeMs?: number;
  /** Facts the platform tells the process (not settable): the function's name for log lines. */
  platform: { functionName?: string };
}

export type LocalConfig = CommonConfig & { provider: "local"; storage: LocalStorageConfig; downloads: { signingSecret?: string } };
export type AlibabaConfig = CommonConfig & { provider: "alibaba"; storage: OssStorageConfig; credentials: CredentialsConfig };
export type AwsConfig = CommonConfig & { provider: "aws"; storage: S3StorageConfig; credentials: CredentialsConfig };

/** The validated configuration: everything hotpatch needs to pick its providers and start. */
export type HotpatchConfig = LocalConfig | AlibabaConfig | AwsConfig;
