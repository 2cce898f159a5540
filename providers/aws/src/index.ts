export { InvalidOptionsError, LambdaFunctionError, LambdaInvokeError } from "./errors.js";

export { S3ObjectStore, type S3ObjectStoreOptions } from "./s3/s3-object-store.js";
export { createS3Client, s3ClientConfig, type S3ConnectionOptions } from "./s3/s3-client.js";
export {
  DEFAULT_PRESIGNED_EXPIRY_SECONDS,
  MAX_PRESIGNED_EXPIRY_SECONDS,
  encodeKeyPath,
  type DownloadUrlSettings,
} from "./s3/s3-download-urls.js";
export { isLostCreateRace, isNotFound } from "./s3/s3-errors.js";

export { S3EventDecoder, type S3EventDecoderOptions } from "./events/s3-event-decoder.js";
export { S3NotificationEventSource, EventHandlingError } from "./events/s3-notification-event-source.js";
export { decodeS3EventKey, encodeS3EventKey, type S3Notification, type S3NotificationRecord } from "./events/s3-notification.js";

export { CloudWatchJsonLogger, type CloudWatchJsonLoggerOptions } from "./logger/cloudwatch-json-logger.js";
export { DEFAULT_REDACTED_WORDS, REDACTED, serialiseError } from "./logger/json-safe.js";
