import { S3Client, type S3ClientConfig } from "@aws-sdk/client-s3";
import { InvalidOptionsError } from "../errors.js";
import { parseBaseUrl, rejectUnknownOptions, requireNonEmptyString } from "../options.js";

export interface S3ConnectionOptions {
  region: string;
  /** An S3-compatible endpoint (MinIO, s3rver, a proxy); omit for AWS S3 itself. */
  endpoint?: string;
  /** `endpoint/bucket/key` URLs. Default: true when `endpoint` is set (IP hosts and most S3-compatible servers need it). */
  forcePathStyle?: boolean;
  /** Static credentials; omit on Lambda so the SDK reads the execution role from the environment. */
  credentials?: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
  /**
   * "when-required" sends checksums only where S3 demands them. Default: "when-required" with an
   * `endpoint` (S3-compatible servers do not all understand the SDK's default CRC trailers),
   * "when-supported" (the SDK default) against AWS.
   */
  checksums?: "when-required" | "when-supported";
  /** SDK retry attempts (default 3). */
  maxAttempts?: number;
}

const OPTION_KEYS = ["region", "endpoint", "forcePathStyle", "credentials", "checksums", "maxAttempts"] as const;

/** Validates connection options once and builds the SDK client settings from them. */
export function s3ClientConfig(options: S3ConnectionOptions): S3ClientConfig {
  rejectUnknownOptions(options, OPTION_KEYS, "S3 connection");
  const region = requireNonEmptyString(options.region, "region", "S3 connection");
  const endpoint = options.endpoint === undefined ? undefined : parseBaseUrl(options.endpoint, "endpoint", "S3 connection");
  const checksums = options.checksums ?? (endpoint ? "when-required" : "when-supported");
  if (checksums !== "when-required" && checksums !== "when-supported") {
    throw new InvalidOptionsError('S3 connection: checksums must be "when-required" or "when-supported"', "checksums");
  }
  const mode = checksums === "when-required" ? "WHEN_REQUIRED" : "WHEN_SUPPORTED";
  const config: S3ClientConfig = {
    region,
    forcePathStyle: options.forcePathStyle ?? endpoint !== undefined,
    requestChecksumCalculation: mode,
    responseChecksumValidation: mode,
  };
  if (endpoint) config.endpoint = endpoint;
  if (options.credentials) config.credentials = options.credentials;
  if (options.maxAttempts !== undefined) {
    if (!Number.isSafeInteger(options.maxAttempts) || options.maxAttempts < 1) {
      throw new InvalidOptionsError("S3 connection: maxAttempts must be a whole number ≥ 1", "maxAttempts");
    }
    config.maxAttempts = options.maxAttempts;
  }
  return config;
}

export function createS3Client(options: S3ConnectionOptions): S3Client {
  return new S3Client(s3ClientConfig(options));
}
