export { startOssEmulator, DEFAULT_EMULATOR_ACCOUNT } from "./oss-emulator/oss-emulator.js";
export type { OssEmulator, OssEmulatorOptions, EmulatorTrigger } from "./oss-emulator/oss-emulator.js";
export type { EmulatorAccount } from "./oss-emulator/authenticate.js";
export type { BucketConfig, EmulatedBucket, EmulatedObject, VersioningStatus } from "./oss-emulator/emulated-bucket.js";
export { v1StringToSign, v1Signature } from "./oss-emulator/signature-v1.js";
export { v4CanonicalRequest, v4Scope, v4StringToSign, v4Signature, rfc3986 } from "./oss-emulator/signature-v4.js";
