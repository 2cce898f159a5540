/**
 * The S3 bucket-notification payload as Lambda receives it (fields hotpatch reads, plus the common ones
 * so fixtures type-check). Structurally compatible with `S3Event` from @types/aws-lambda.
 */
export interface S3NotificationRecord {
  eventVersion: string;
  eventSource: string;
  awsRegion: string;
  eventTime: string;
  /** Delivered without the `s3:` prefix the notification configuration uses: `ObjectCreated:Put`. */
  eventName: string;
  userIdentity: { principalId: string };
  requestParameters: { sourceIPAddress: string };
  responseElements: { "x-amz-request-id": string; "x-amz-id-2": string };
  s3: {
    s3SchemaVersion: string;
    configurationId: string;
    bucket: { name: string; ownerIdentity: { principalId: string }; arn: string };
    /** `key` is form-URL-encoded (space → `+`); `eTag` is unquoted lower-case hex; `size` is absent for deletes. */
    object: { key: string; size?: number; eTag?: string; versionId?: string; sequencer: string };
  };
}

export interface S3Notification {
  Records: S3NotificationRecord[];
}

/** S3's key encoding in notifications: form-URL-encoding per segment, `/` kept, space as `+`. */
export function encodeS3EventKey(key: string): string {
  return key
    .split("/")
    .map((segment) => encodeURIComponent(segment).replace(/%20/g, "+"))
    .join("/");
}

/** The inverse: `+` is a space, then percent-decoding (a literal `+` arrives as `%2B`). */
export function decodeS3EventKey(encoded: string): string {
  return decodeURIComponent(encoded.replace(/\+/g, " "));
}
