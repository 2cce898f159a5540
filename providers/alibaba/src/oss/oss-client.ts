import type { Readable } from "node:stream";
import OSS from "ali-oss";

/** Response headers as ali-oss (urllib) reports them: lower-case names. */
export type OssHeaders = Record<string, string | string[] | undefined>;

export interface OssResponse {
  status: number;
  headers: OssHeaders;
}

export interface OssListedObject {
  name: string;
  etag: string;
  size: number;
  lastModified: string;
}

export interface OssListV2Result {
  objects: OssListedObject[];
  isTruncated: boolean;
  nextContinuationToken: string | null;
}

/**
 * The part of ali-oss that the store uses. ali-oss's typings lack `sldEnable`, `getBucketVersioning`
 * and the `start-after` list parameter, so the SDK client is seen through this interface; unit tests
 * substitute a fake that throws ali-oss-shaped errors.
 */
export interface OssClient {
  put(name: string, body: Buffer, options: { mime: string; meta: Record<string, string>; headers: Record<string, string> }): Promise<{ res: OssResponse }>;
  get(name: string): Promise<{ content: Buffer; res: OssResponse }>;
  getStream(name: string): Promise<{ stream: Readable; res: OssResponse }>;
  head(name: string): Promise<{ status: number; res: OssResponse }>;
  delete(name: string): Promise<unknown>;
  listV2(query: Record<string, string | number>, options?: Record<string, never>): Promise<OssListV2Result>;
  signatureUrlV4(method: "GET", expiresSeconds: number, request: { headers: Record<string, string>; queries: Record<string, string> }, objectName: string): Promise<string>;
  getBucketVersioning(bucket: string): Promise<{ versionStatus?: string }>;
}

export interface AliOssClientConfig {
  bucket: string;
  /** Bare region, e.g. `cn-hangzhou`; also the V4 signing region. */
  region: string;
  accessKeyId: string;
  accessKeySecret: string;
  securityToken?: string;
  /** Re-reads rotating STS credentials; only used together with `securityToken`. */
  refreshCredentials?: () => Promise<{ accessKeyId: string; accessKeySecret: string; stsToken: string }>;
  refreshIntervalMs: number;
  endpoint?: string;
  internal: boolean;
  secure: boolean;
  pathStyle: boolean;
  signatureV4: boolean;
  timeoutMs: number;
}

export function createAliOssClient(config: AliOssClientConfig): OssClient {
  const options = {
    bucket: config.bucket,
    region: `oss-${config.region}`, // ali-oss wants the `oss-` prefix (and defaults to Hangzhou without one)
    accessKeyId: config.accessKeyId,
    accessKeySecret: config.accessKeySecret,
    internal: config.internal,
    secure: config.secure, // ali-oss defaults to plain http
    timeout: config.timeoutMs,
    authorizationV4: config.signatureV4,
    sldEnable: config.pathStyle, // undocumented option for path-style addressing
    ...(config.endpoint ? { endpoint: config.endpoint } : {}),
    // Passing stsToken without a refresher makes ali-oss warn on every construction.
    ...(config.securityToken && config.refreshCredentials
      ? { stsToken: config.securityToken, refreshSTSToken: config.refreshCredentials, refreshSTSTokenInterval: config.refreshIntervalMs }
      : {}),
  };
  return new OSS(options) as unknown as OssClient;
}
