import type { LogFields, LogLevel } from "@hotpatch/core";

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
export const REDACTED_FIELD_WORDS: readonly string[] = ["accesskey", "authorization", "secret", "password", "token", "apikey", "cookie", "credential", "signature"];
export const REDACTED = "[redacted]";
const RESERVED = new Set(["time", "level", "msg"]);
const MAX_DEPTH = 8;

const normalise = (name: string): string => name.toLowerCase().replace(/[-_.\s]/g, "");

export function redacts(fieldName: string, words: readonly string[]): boolean {
  const name = normalise(fieldName);
  return words.some((word) => name.includes(normalise(word)));
}

export function buildEntry(time: Date, level: LogLevel, msg: string, bindings: LogFields, fields: LogFields | undefined, words: readonly string[]): SlsLogEntry {
  const entry: SlsLogEntry = { time: time.toISOString(), level, msg: String(msg) };
  for (const source of [bindings, fields ?? {}]) {
    for (const [name, value] of Object.entries(source)) {
      // A field may not overwrite the fixed keys: it is kept as `_time`, `_level`, `_msg`.
      const target = RESERVED.has(name) ? `_${name}` : name;
      const safe = redacts(name, words) ? REDACTED : jsonSafe(value, words, 1, new Set());
      if (safe !== undefined) entry[target] = safe;
    }
  }
  return entry;
}

/** Errors keep name, message and code (and their cause's), never the stack or SDK request details. */
function serialiseError(error: Error, depth: number): Record<string, unknown> {
  const result: Record<string, unknown> = { name: error.name, message: error.message };
  const code = (error as { code?: unknown }).code;
  if (typeof code === "string" || typeof code === "number") result.code = code;
  if (error.cause instanceof Error && depth < 3) result.cause = serialiseError(error.cause, depth + 1);
  return result;
}

function jsonSafe(value: unknown, words: readonly string[], depth: number, ancestors: Set<object>): unknown {
  switch (typeof value) {
    case "string":
    case "boolean":
      return value;
    case "number":
      return Number.isFinite(value) ? value : String(value);
    case "bigint":
      return value.toString();
    case "undefined":
    case "function":
    case "symbol":
      return undefined;
  }
  if (value === null) return null;
  const object = value as object;
  if (object instanceof Error) return serialiseError(object, 0);
  if (object instanceof Date) return Number.isNaN(object.getTime()) ? "Invalid Date" : object.toISOString();
  if (ArrayBuffer.isView(object) || object instanceof ArrayBuffer) return `[${object.byteLength} bytes]`;
  if (ancestors.has(object)) return "[circular]";
  if (depth > MAX_DEPTH) return "[truncated]";
  ancestors.add(object);
  try {
    if (Array.isArray(object) || object instanceof Set) return [...object].map((item: unknown) => jsonSafe(item, words, depth + 1, ancestors) ?? null);
    const entries = object instanceof Map ? [...object.entries()].map(([k, v]) => [String(k), v] as const) : Object.entries(object);
    const result: Record<string, unknown> = {};
    for (const [name, item] of entries) {
      const safe = redacts(name, words) ? REDACTED : jsonSafe(item, words, depth + 1, ancestors);
      if (safe !== undefined) result[name] = safe;
    }
    return result;
  } finally {
    ancestors.delete(object);
  }
}
