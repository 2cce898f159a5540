import { REDACTED, Redactor, addLogFields, DEFAULT_REDACTED_FIELDS, serialiseError, type LogFields, type LogLevel } from "@hotpatch/core";

export { DEFAULT_REDACTED_FIELDS, REDACTED, Redactor, serialiseError };

/** One log line as an object: fixed keys first, then bindings, then the call's fields. JSON-safe. */
export interface LogEntry {
  time: string;
  level: LogLevel;
  msg: string;
  [field: string]: unknown;
}

const RESERVED = new Set(["time", "level", "msg"]);

export function buildLogEntry(
  time: Date,
  level: LogLevel,
  msg: string,
  bindings: LogFields,
  fields: LogFields | undefined,
  redactor: Redactor,
): LogEntry {
  const entry: LogEntry = { time: time.toISOString(), level, msg: String(msg) };
  addLogFields(entry, bindings, RESERVED, redactor);
  if (fields) addLogFields(entry, fields, RESERVED, redactor);
  return entry;
}
