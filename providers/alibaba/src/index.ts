export { InvalidAlibabaOptionsError, InvalidTriggerEventError, UnsafeBucketError } from "./errors.js";
export { RotatingCredentials, staticCredentials } from "./credentials.js";
export type { AlibabaCredentials, CredentialsProvider } from "./credentials.js";

export { OssObjectStore } from "./oss/oss-object-store.js";
export type { OssStoreSettings } from "./oss/oss-object-store.js";
export type { OssObjectStoreOptions } from "./oss/oss-object-store-options.js";
export type { OssClient } from "./oss/oss-client.js";

export { OssTriggerDecoder } from "./events/oss-trigger-decoder.js";
export { parseFcPayload } from "./events/fc-payload.js";
export type { OssTriggerDecoderOptions } from "./events/oss-trigger-decoder.js";
export { OssTriggerEventSource } from "./events/oss-trigger-event-source.js";
export type { DeliveryReport } from "./events/oss-trigger-event-source.js";
export type { OssEventRecord, OssTriggerEvent, OssTriggerPayload } from "./events/oss-trigger-event.js";

export { SlsLogger } from "./sls/sls-logger.js";
export type { SlsLoggerOptions } from "./sls/sls-logger.js";
export { StdoutSink } from "./sls/log-sink.js";
export type { LogSink } from "./sls/log-sink.js";
export { REDACTED, REDACTED_FIELD_WORDS } from "./sls/log-entry.js";
export type { SlsLogEntry } from "./sls/log-entry.js";
export { PutLogsClient, SlsRequestError } from "./sls/put-logs/put-logs-client.js";
export type { PutLogsClientOptions } from "./sls/put-logs/put-logs-client.js";
export { PutLogsSink } from "./sls/put-logs/put-logs-sink.js";
export type { PutLogsSinkOptions } from "./sls/put-logs/put-logs-sink.js";
export { encodeLogGroup } from "./sls/put-logs/log-group.js";
export type { SlsLog, SlsLogGroup } from "./sls/put-logs/log-group.js";
export { putLogsStringToSign, putLogsAuthorization, slsContentMd5 } from "./sls/put-logs/put-logs-signature.js";
