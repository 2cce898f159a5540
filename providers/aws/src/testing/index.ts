export { startS3TestServer, S3RVER_CREDENTIALS, S3RVER_REGION, type S3TestServer } from "./s3-test-server.js";
export { startS3SemanticsProxy, type S3SemanticsProxy, type ProxyCounters } from "./s3-semantics-proxy.js";
export { notificationFromS3rver, type S3NotificationListener } from "./s3rver-notifications.js";
