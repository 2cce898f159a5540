export type * from "./object-store.port.js";
export type * from "./logger.port.js";
export type * from "./event-source.port.js";
export { LOG_LEVEL_ORDER } from "./logger.port.js";
export { assertValidObjectKey, assertValidPrefix } from "./object-key.js";
export { normalisePutOptions, assertBody, assertValidLimit, type NormalisedPutOptions } from "./put-options.js";
