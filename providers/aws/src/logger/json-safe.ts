import { DEFAULT_REDACTED_FIELDS, REDACTED, Redactor, addLogFields, serialiseError } from "@hotpatch/core";

/** The shared field handling lives in core; these names are what this provider has always exported. */
export const DEFAULT_REDACTED_WORDS = DEFAULT_REDACTED_FIELDS;
export { REDACTED, Redactor, serialiseError, addLogFields as addFields };
