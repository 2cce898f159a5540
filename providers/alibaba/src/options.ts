import { InvalidAlibabaOptionsError } from "./errors.js";

/** Typos in options fail loudly at construction instead of being silently ignored. */
export function rejectUnknownKeys(options: object, allowed: readonly string[], owner: string): void {
  for (const key of Object.keys(options)) {
    if (!allowed.includes(key)) {
      throw new InvalidAlibabaOptionsError(`${owner} does not take an option "${key}" (known: ${allowed.join(", ")})`, key);
    }
  }
}

export function requireNonEmptyString(value: unknown, field: string, owner: string): string {
  if (typeof value !== "string" || value.trim() === "") {
    throw new InvalidAlibabaOptionsError(`${owner} needs "${field}" (a non-empty string)`, field);
  }
  return value;
}

export function optionalPositiveInteger(value: unknown, field: string, owner: string): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== "number" || !Number.isSafeInteger(value) || value <= 0) {
    throw new InvalidAlibabaOptionsError(`${owner}: "${field}" must be a positive whole number`, field);
  }
  return value;
}

/** `cn-hangzhou` or `oss-cn-hangzhou` → `cn-hangzhou` (FC events and contexts carry the bare form). */
export function bareRegion(region: string): string {
  return region.replace(/^oss-/, "");
}
