import type { LogFields } from "../ports/logger.port.js";

/*
 * Structured-log field handling shared by every provider's logger (local console, SLS, CloudWatch):
 * what is redacted and how values become JSON. One place, so a secret is hidden the same way everywhere.
 */

/**
 * A field is redacted when its name, lower-cased and without `-`, `_` and `.`, contains one of these
 * words: `signingSecret`, `x-oss-access-key`, `refresh_token` and `Authorization` all are.
 */
export const DEFAULT_REDACTED_FIELDS: readonly string[] = [
  "accessKey",
  "authorization",
  "secret",
  "password",
  "token",
  "apiKey",
  "cookie",
  "credential",
  "signature",
];

export const REDACTED = "[redacted]";
const MAX_DEPTH = 8;

const normaliseName = (name: string): string => name.toLowerCase().replace(/[-_.\s]/g, "");

export class Redactor {
  readonly #words: string[];

  constructor(words: readonly string[] = DEFAULT_REDACTED_FIELDS) {
    this.#words = words.map(normaliseName).filter((word) => word !== "");
  }

  redacts(fieldName: string): boolean {
    const name = normaliseName(fieldName);
    return this.#words.some((word) => name.includes(word));
  }
}

/**
 * Copies `fields` into `target` as JSON-safe values (errors without stacks, dates as ISO strings, bytes as
 * their length, no cycles), redacting secret-looking names. A field may not overwrite a `reserved` key:
 * it is kept under `_<name>`.
 */
export function addLogFields(target: Record<string, unknown>, fields: LogFields, reserved: ReadonlySet<string>, redactor: Redactor): void {
  for (const [name, value] of Object.entries(fields)) {
    const key = reserved.has(name) ? `_${name}` : name;
    const safe = redactor.redacts(name) ? REDACTED : toJsonSafe(value, redactor, 1, new Set());
    if (safe !== undefined) target[key] = safe;
  }
}

/** Errors keep name, message and code (and the same for their cause), never the stack. */
export function serialiseError(error: Error, depth = 0): Record<string, unknown> {
  const result: Record<string, unknown> = { name: error.name, message: error.message };
  const code = (error as { code?: unknown }).code;
  if (typeof code === "string" || typeof code === "number") result.code = code;
  if (error.cause instanceof Error && depth < 3) result.cause = serialiseError(error.cause, depth + 1);
  return result;
}

function toJsonSafe(value: unknown, redactor: Redactor, depth: number, ancestors: Set<object>): unknown {
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
    if (Array.isArray(object)) return object.map((item) => toJsonSafe(item, redactor, depth + 1, ancestors) ?? null);
    if (object instanceof Set) return [...object].map((item) => toJsonSafe(item, redactor, depth + 1, ancestors) ?? null);
    const entries = object instanceof Map ? [...object.entries()].map(([k, v]) => [String(k), v] as const) : null;
    if (entries === null && typeof (object as { toJSON?: unknown }).toJSON === "function") {
      return toJsonSafe((object as { toJSON: () => unknown }).toJSON(), redactor, depth + 1, ancestors);
    }
    const result: Record<string, unknown> = {};
    for (const [name, item] of entries ?? Object.entries(object)) {
      const safe = redactor.redacts(name) ? REDACTED : toJsonSafe(item, redactor, depth + 1, ancestors);
      if (safe !== undefined) result[name] = safe;
    }
    return result;
  } finally {
    ancestors.delete(object);
  }
}
