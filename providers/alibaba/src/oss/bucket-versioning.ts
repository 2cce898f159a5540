import { UnsafeBucketError } from "../errors.js";
import type { OssClient } from "./oss-client.js";
import { toStorageError } from "./oss-errors.js";

/**
 * OSS ignores `x-oss-forbid-overwrite` on buckets whose versioning is Enabled or Suspended: every
 * "create if absent" would then succeed and overwrite, and the append-only logs (docs/storage.md) would
 * lose writes. So a store refuses to start unless it can see that versioning was never turned on.
 */
export async function assertVersioningOff(client: OssClient, bucket: string): Promise<void> {
  let status: string | undefined;
  try {
    status = (await client.getBucketVersioning(bucket)).versionStatus;
  } catch (error) {
    const wrapped = toStorageError("GetBucketVersioning", `bucket "${bucket}"`, error);
    throw new UnsafeBucketError(
      `cannot read the versioning state of bucket "${bucket}" (${wrapped.message}). hotpatch needs it to know that ` +
        "create-if-absent works there: grant oss:GetBucketVersioning on the bucket",
    );
  }
  if (status === "Enabled" || status === "Suspended") {
    throw new UnsafeBucketError(
      `bucket "${bucket}" has versioning ${status}. OSS ignores x-oss-forbid-overwrite on such buckets, so hotpatch ` +
        "cannot create objects only-if-absent and concurrent releases could overwrite each other. Use a bucket that " +
        "never had versioning turned on (it cannot be turned off once enabled).",
    );
  }
}
