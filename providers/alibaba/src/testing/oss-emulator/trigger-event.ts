import { randomBytes } from "node:crypto";
import type { EmulatedObject } from "./emulated-bucket.js";

export interface TriggerEventContext {
  region: string;
  accountId: string;
  bucket: string;
  requestId: string;
  sourceIp: string;
}

/**
 * The payload an OSS trigger hands FC for a created object, shaped as documented (platforms.md §1.8):
 * the event name without the `oss:` prefix, the ETag unquoted in upper-case hex, the key percent-encoded
 * (each segment; `/` kept), and the bare region. Returned as the Buffer FC passes to the handler.
 */
export function objectCreatedPayload(operation: "PutObject" | "CopyObject", object: EmulatedObject, context: TriggerEventContext): Buffer {
  const event = {
    events: [
      {
        eventName: `ObjectCreated:${operation}`,
        eventSource: "acs:oss",
        eventTime: object.lastModified.toISOString(),
        eventVersion: "1.0",
        oss: {
          bucket: {
            arn: `acs:oss:${context.region}:${context.accountId}:${context.bucket}`,
            name: context.bucket,
            ownerIdentity: context.accountId,
            virtualBucket: "",
          },
          object: {
            deltaSize: object.body.byteLength,
            eTag: object.etag.replace(/"/g, ""),
            key: object.key.split("/").map(encodeURIComponent).join("/"),
            size: object.body.byteLength,
          },
          ossSchemaVersion: "1.0",
          ruleId: randomBytes(20).toString("hex"),
        },
        region: context.region,
        requestParameters: { sourceIPAddress: context.sourceIp },
        responseElements: { requestId: context.requestId },
        userIdentity: { principalId: context.accountId },
      },
    ],
  };
  return Buffer.from(JSON.stringify(event), "utf8");
}
