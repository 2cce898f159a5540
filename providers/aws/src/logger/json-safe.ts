import type { LogFields } from "@hotpatch/core";

/**
 * A field is redacted when its name, lower-cased and without `-`, `_`, `.` and spaces, contains one of
 * these words: `x-amz-security-token`, `secretAccessKey` and `Authorization` all are.
 */
export const DEFAULT_REDACTED_WORDS: readonly string[] = [
  "accesskey",
  "authorization",
  "secret",
  "password",
  "token",
  "apikey",
  "cookie",
  "credential",
  "signature",
];

export const REDACTED = "[redacted]";
const MAX_DEPTH = 8;

const normalise = (name: string): string => name.toLowerCase().replace(/[-_.\s]/g, "");

export class Redactor {
  readonly #words: string[];
  constructor(words: readonly string[] = DEFAULT_REDACTED_WORDS) {
    this.#words = words.map(normalise).filter((word) => word !== "");
  }
  redacts(name: string): boolean {
    const normalised = normalise(name);
    return this.#words.some((word) => normalised.includes(word));
  }
}

/** Errors keep name, message, code and cause (three deep) — never the stack, which can hold request data. */
export function serialiseError(error: Error, depth = 0): Record<string, unknown> {
  const result: Record<string, unknown> = { name: error.name, message: error.message };
  const code = (error as { code?: unknown }).code;
  if (typeof code === "string" || typeof code === "number") result.code = code;
  if (error.cause instanceof Error && depth < 3) result.cause = serialiseError(error.cause, depth + 1);
  return result;
}

/** Copies `fields` into `target` as JSON-safe values (dates as ISO strings, bytes as their length, no cycles). */
export function addFields(target: Record<string, unknown>, fields: LogFields, reserved: ReadonlySet<string>, redactor: Redactor): void {
  for (const [name, value] of Object.entries(fields)) {
    // A field may not overwrite the fixed keys; it keeps its value under `_timestamp`, `_level`, `_message`.
    const key = reserved.has(name) ? `_${name}` : name;
    const safe = redactor.redacts(name) ? REDACTED : jsonSafe(value, redactor, 1, new Set());
    if (safe !== undefined) target[key] = safe;
  }
}

function jsonSafe(value: unknown, redactor: Redactor, depth: number, ancestors: Set<object>): unknown {
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
  if (object instanceof Error) return serialiseError(object);
  if (object instanceof Date) return Number.isNaN(object.getTime()) ? "Invalid Date" : object.toISOString();
  if (ArrayBuffer.isView(object) || object instanceof ArrayBuffer) return `[${object.byteLength} bytes]`;
  if (ancestors.has(object)) return "[circular]";
  if (depth > MAX_DEPTH) return "[truncated]";
  ancestors.add(object);
  try {
    if (Array.isArray(object) || object instanceof Set) {
      return [...object].map((item: unknown) => jsonSafe(item, redactor, depth + 1, ancestors) ?? null);
    }
    const entries: Array<[string, unknown]> =
      object instanceof Map ? [...object.entries()].map(([k, v]): [string, unknown] => [String(k), v]) : Object.entries(object);
    const result: Record<string, unknown> = {};
    for (const [name, item] of entries) {
      const safe = redactor.redacts(name) ? REDACTED : jsonSafe(item, redactor, depth + 1, ancestors);
      if (safe !== undefined) result[name] = safe;
    }
    return result;
  } finally {
    ancestors.delete(object);
  }
}
