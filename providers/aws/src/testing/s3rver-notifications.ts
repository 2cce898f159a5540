import { encodeS3EventKey, type S3Notification } from "../events/s3-notification.js";

export type S3NotificationListener = (notification: S3Notification) => void;

/**
 * s3rver emits S3-shaped `Records`, but with raw keys (S3 form-URL-encodes them) and an ARN with spaces.
 * Returns the notification S3 itself would send, or null for something that is not one.
 */
export function notificationFromS3rver(event: unknown): S3Notification | null {
  const records = (event as { Records?: unknown } | null)?.Records;
  if (!Array.isArray(records)) return null;
  const copy = structuredClone(records) as S3Notification["Records"];
  for (const record of copy) {
    record.s3.object.key = encodeS3EventKey(record.s3.object.key);
    record.s3.bucket.arn = `arn:aws:s3:::${record.s3.bucket.name}`;
  }
  return { Records: copy };
}
