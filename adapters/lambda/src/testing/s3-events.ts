import { randomBytes } from "node:crypto";
import type { ObjectInfo } from "@hotpatch/core";
import { encodeS3EventKey, type S3Notification } from "@hotpatch/provider-aws";

/** The notification S3 sends for a PutObject (`ObjectCreated:Put`): key form-URL-encoded, ETag unquoted. */
export function s3PutNotification(bucket: string, object: Pick<ObjectInfo, "key" | "size" | "etag">, region = "us-east-1"): S3Notification {
  return {
    Records: [
      {
        eventVersion: "2.1",
        eventSource: "aws:s3",
        awsRegion: region,
        eventTime: new Date().toISOString(),
        eventName: "ObjectCreated:Put",
        userIdentity: { principalId: "AWS:AIDAEXAMPLEPRINCIPAL" },
        requestParameters: { sourceIPAddress: "203.0.113.7" },
        responseElements: { "x-amz-request-id": randomBytes(8).toString("hex").toUpperCase(), "x-amz-id-2": randomBytes(32).toString("base64") },
        s3: {
          s3SchemaVersion: "1.0",
          configurationId: "hotpatch-drop-zone",
          bucket: { name: bucket, ownerIdentity: { principalId: "A3EXAMPLEOWNER" }, arn: `arn:aws:s3:::${bucket}` },
          object: { key: encodeS3EventKey(object.key), size: object.size, eTag: object.etag.replace(/"/g, ""), sequencer: Date.now().toString(16).toUpperCase() },
        },
      },
    ],
  };
}
