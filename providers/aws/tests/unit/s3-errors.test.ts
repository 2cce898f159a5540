import { S3ServiceException } from "@aws-sdk/client-s3";
import { StorageError } from "@hotpatch/core";
import { isLostCreateRace, isNotFound } from "@hotpatch/provider-aws";
import { describe, expect, it } from "vitest";
import { storageFailure } from "../../src/s3/s3-errors.js";

function sdkError(name: string, status: number): S3ServiceException {
  return new S3ServiceException({ name, $fault: status >= 500 ? "server" : "client", $metadata: { httpStatusCode: status }, message: name });
}

describe("S3 error classification", () => {
  it("reads NoSuchKey and HeadObject's NotFound as not-found, but not a missing bucket", () => {
    expect(isNotFound(sdkError("NoSuchKey", 404))).toBe(true);
    expect(isNotFound(sdkError("NotFound", 404))).toBe(true);
    expect(isNotFound(sdkError("NoSuchBucket", 404))).toBe(false);
    expect(isNotFound(sdkError("AccessDenied", 403))).toBe(false);
    expect(isNotFound(new Error("socket hang up"))).toBe(false);
  });

  it("reads 412 PreconditionFailed and 409 ConditionalRequestConflict as a lost create race", () => {
    expect(isLostCreateRace(sdkError("PreconditionFailed", 412))).toBe(true);
    expect(isLostCreateRace(sdkError("ConditionalRequestConflict", 409))).toBe(true);
    expect(isLostCreateRace(sdkError("AccessDenied", 403))).toBe(false);
    expect(isLostCreateRace(sdkError("InternalError", 500))).toBe(false);
    expect(isLostCreateRace(null)).toBe(false);
  });

  it("wraps failures as StorageError with S3's error name and the SDK error as cause", () => {
    const cause = sdkError("SlowDown", 503);
    const error = storageFailure("PutObject", "releases", "packages/abc", cause);
    expect(error).toBeInstanceOf(StorageError);
    expect(error.code).toBe("storage_error");
    expect(error.message).toBe('S3 PutObject on "packages/abc" in bucket "releases" failed: SlowDown (HTTP 503)');
    expect(error.cause).toBe(cause);
    expect(storageFailure("ListObjectsV2", "releases", "", new Error("x")).message).toBe('S3 ListObjectsV2 on bucket "releases" failed: Error');
  });
});
