/**
 * The payload FC hands an OSS-triggered function: a Buffer of this JSON (platforms.md §1.8). Delivered
 * event names have no `oss:` prefix (`ObjectCreated:PutObject`), while trigger configuration uses it
 * (`oss:ObjectCreated:*`); `eTag` is upper-case hex without quotes; `region` has no `oss-` prefix.
 */
export interface OssTriggerEvent {
  events: OssEventRecord[];
}

export interface OssEventRecord {
  eventName: string;
  eventSource: string;
  eventTime: string;
  eventVersion: string;
  oss: {
    bucket: { arn: string; name: string; ownerIdentity: string; virtualBucket?: string };
    object: { deltaSize?: number; eTag: string; key: string; size: number };
    ossSchemaVersion: string;
    ruleId: string;
  };
  region: string;
  requestParameters?: { sourceIPAddress?: string };
  responseElements?: { requestId?: string };
  userIdentity?: { principalId?: string };
}

/** What FC passes as `event`: a Buffer of JSON (a string or parsed object in tests and local runs). */
export type OssTriggerPayload = Buffer | Uint8Array | string | OssTriggerEvent;
