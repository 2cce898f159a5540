import { InvalidOptionsError } from "./errors.js";

/** Typos in options fail loudly at construction instead of being silently ignored. */
export function rejectUnknownOptions(options: object, allowed: readonly string[], owner: string): void {
  for (const key of Object.keys(options)) {
    if (!allowed.includes(key)) {
      throw new InvalidOptionsError(`${owner} does not take an option "${key}" (known: ${allowed.join(", ")})`, key);
    }
  }
}

export function requireNonEmptyString(value: unknown, field: string, owner: string): string {
  if (typeof value !== "string" || value.trim() === "") {
    throw new InvalidOptionsError(`${owner} needs "${field}" (a non-empty string)`, field);
  }
  return value;
}

/** An absolute http(s) URL without query, fragment or credentials, returned without trailing slashes. */
export function parseBaseUrl(value: unknown, field: string, owner: string): string {
  let parsed: URL | undefined;
  try {
    parsed = typeof value === "string" ? new URL(value) : undefined;
  } catch {
    parsed = undefined;
  }
  if (!parsed || (parsed.protocol !== "http:" && parsed.protocol !== "https:")) {
    throw new InvalidOptionsError(`${owner}: ${field} must be an absolute http(s) URL, got ${JSON.stringify(value)}`, field);
  }
  if (parsed.search !== "" || parsed.hash !== "" || parsed.username !== "" || parsed.password !== "") {
    throw new InvalidOptionsError(`${owner}: ${field} must not carry a query, a fragment or credentials`, field);
  }
  return `${parsed.origin}${parsed.pathname.replace(/\/+$/, "")}`;
}
