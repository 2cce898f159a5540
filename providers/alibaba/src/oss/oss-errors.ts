import { StorageError } from "@hotpatch/core";

/** What ali-oss puts on the errors it throws (`name` = `<Code>Error`). */
interface AliOssError extends Error {
  code?: unknown;
  status?: unknown;
  requestId?: unknown;
  ecCode?: unknown;
  params?: unknown;
  res?: unknown;
}

function asAliOssError(error: unknown): AliOssError | undefined {
  return error instanceof Error ? (error as AliOssError) : undefined;
}

/** The OSS error code (`NoSuchKey`, `FileAlreadyExists`, …) of an ali-oss error, if it has one. */
export function ossErrorCode(error: unknown): string | undefined {
  const code = asAliOssError(error)?.code;
  return typeof code === "string" ? code : undefined;
}

const CREDENTIAL_CODES = new Set(["SignatureDoesNotMatch", "InvalidAccessKeyId", "SecurityTokenExpired", "InvalidSecurityToken"]);

/**
 * Wraps an ali-oss failure as core's StorageError. The SDK error stays available as `cause`, but without
 * its request parameters: those hold the request headers, including the STS security token.
 */
export function toStorageError(operation: string, target: string, error: unknown): StorageError {
  const sdk = asAliOssError(error);
  if (!sdk) return new StorageError(`OSS ${operation} of ${target} failed`, { cause: error });
  delete sdk.params;
  delete sdk.res;
  const code = ossErrorCode(sdk);
  const status = typeof sdk.status === "number" ? sdk.status : undefined;
  const requestId = typeof sdk.requestId === "string" && sdk.requestId ? `, request id ${sdk.requestId}` : "";
  let message: string;
  if (status === -1 || status === -2) {
    message = `OSS did not answer ${operation} of ${target} (${sdk.name}); check the endpoint and the network`;
  } else if (code === "AccessDenied") {
    message = `OSS refused ${operation} of ${target} (AccessDenied${requestId}): the role or AccessKey lacks the permission in its RAM policy`;
  } else if (code !== undefined && CREDENTIAL_CODES.has(code)) {
    message = `OSS rejected the credentials for ${operation} of ${target} (${code}${requestId}): check the AccessKey ID and secret, or the STS token`;
  } else if (code === "RequestTimeTooSkewed") {
    message = `OSS refused ${operation} of ${target}: this machine's clock is more than 15 minutes off`;
  } else if (code === "NoSuchBucket") {
    message = `OSS ${operation} of ${target} failed: the bucket does not exist (NoSuchBucket${requestId})`;
  } else {
    message = `OSS ${operation} of ${target} failed: ${code ?? sdk.name}${status ? ` (HTTP ${status}${requestId})` : ""}`;
  }
  return new StorageError(message, { cause: sdk });
}
