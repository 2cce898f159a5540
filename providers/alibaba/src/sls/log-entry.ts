import { DEFAULT_REDACTED_FIELDS, REDACTED, Redactor, addLogFields, type LogFields, type LogLevel } from "@hotpatch/core";

/**
 * One log line: fixed keys first (`time`, `level`, `msg`), then bindings, then the call's fields, all
 * JSON-safe. Each top-level key becomes an SLS field (see the README's index), so device reports can be
 * aggregated with `event: deploy_report | SELECT label, count(*) ...`.
 */
export interface SlsLogEntry {
  time: string;
  level: LogLevel;
  msg: string;
  [field: string]: unknown;
}

/** A field is redacted when its name (lower-case, without `-`, `_`, `.`) contains one of these words. */
export const REDACTED_FIELD_WORDS: readonly string[] = DEFAULT_REDACTED_FIELDS;
export { REDACTED };
const RESERVED = new Set(["time", "level", "msg"]);

export function buildEntry(time: Date, level: LogLevel, msg: string, bindings: LogFields, fields: LogFields | undefined, words: readonly string[]): SlsLogEntry {
  const entry: SlsLogEntry = { time: time.toISOString(), level, msg: String(msg) };
  const redactor = new Redactor(words);
  addLogFields(entry, bindings, RESERVED, redactor);
  if (fields) addLogFields(entry, fields, RESERVED, redactor);
  return entry;
}
