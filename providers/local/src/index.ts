export { InvalidOptionsError } from "./errors.js";

export { MemoryObjectStore } from "./object-store/memory-object-store.js";
export { FileSystemObjectStore } from "./object-store/file-system-object-store.js";
export type { FileSystemObjectStoreOptions } from "./object-store/file-system-object-store.js";
export type { LocalObjectStoreOptions } from "./object-store/store-options.js";
export {
  DEFAULT_DOWNLOAD_EXPIRY_SECONDS,
  STORAGE_ROUTE_PREFIX,
  encodeKeyPath,
  keyFromStoragePath,
  signDownload,
  verifyDownloadSignature,
} from "./object-store/download-url.js";
export type { DownloadUrlConfig } from "./object-store/download-url.js";

export { ConsoleJsonLogger } from "./logger/console-json-logger.js";
export type { ConsoleJsonLoggerOptions } from "./logger/console-json-logger.js";
export { MemoryLogger } from "./logger/memory-logger.js";
export type { MemoryLoggerOptions } from "./logger/memory-logger.js";
export { DEFAULT_REDACTED_FIELDS, REDACTED, serialiseError } from "./logger/log-entry.js";
export type { LogEntry } from "./logger/log-entry.js";

export { LocalEventSource } from "./events/local-event-source.js";
export type { HandlerErrorReporter, LocalEventSourceOptions } from "./events/local-event-source.js";
export { EventEmittingObjectStore, UPLOAD_DROP_PREFIX, wrapStoreWithEvents } from "./events/event-emitting-object-store.js";
export type { EventEmittingStoreOptions } from "./events/event-emitting-object-store.js";
