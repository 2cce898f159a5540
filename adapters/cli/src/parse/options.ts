import { InvalidArgumentError } from "commander";
import semver from "semver";
import { CliError } from "../errors.js";

/**
 * Parsers for option values. Those used by commander throw `InvalidArgumentError`, which commander
 * turns into "option '…' argument '…' is invalid. <reason>".
 */

/** `25`, `25%` → 25; 1–100 like the server's `^(100|[1-9][0-9]|[1-9])$`. */
export function parseRollout(value: string): number {
  const match = /^(100|[1-9][0-9]?)%?$/.exec(value.trim());
  if (!match?.[1]) throw new InvalidArgumentError("Expected a whole percentage from 1 to 100, e.g. 25 or 25%.");
  return Number(match[1]);
}

export function parseBoolean(value: string): boolean {
  if (value === "true") return true;
  if (value === "false") return false;
  throw new InvalidArgumentError('Expected "true" or "false".');
}

export function parseLabel(value: string): string {
  if (!/^v[1-9][0-9]*$/.test(value)) throw new InvalidArgumentError("Expected a release label such as v3.");
  return value;
}

export function parsePort(value: string): number {
  const port = Number(value);
  if (!/^\d+$/.test(value) || port > 65535) throw new InvalidArgumentError("Expected a port from 0 to 65535.");
  return port;
}

const DURATION_UNITS: Record<string, number> = {
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
  w: 7 * 86_400_000,
  y: 365 * 86_400_000,
};

/** `60d`, `12h`, `1d12h`, `90m` → milliseconds (what the server's `ttl` is in). A bare number is refused. */
export function parseDuration(value: string): number {
  const text = value.trim();
  const parts = [...text.matchAll(/(\d+(?:\.\d+)?)(ms|s|m|h|d|w|y)/g)];
  const consumed = parts.map((part) => part[0]).join("");
  if (parts.length === 0 || consumed !== text) {
    throw new InvalidArgumentError("Expected a duration such as 60d, 12h, 30m or 1y.");
  }
  const ms = parts.reduce((sum, [, amount, unit]) => sum + Number(amount) * (DURATION_UNITS[unit ?? ""] ?? 0), 0);
  if (ms <= 0) throw new InvalidArgumentError("The duration must be longer than zero.");
  return Math.round(ms);
}

/**
 * The target binary range, checked before anything is sent (as the CodePush CLI does). The string goes
 * to the server unchanged: the server stores what the developer wrote.
 */
export function assertTargetRange(range: string): string {
  if (semver.validRange(range) === null) {
    throw new CliError(
      `"${range}" is not a valid target binary version range; use a semver version or range such as 1.2.3, 1.2.x, ^1.2.0 or ">=1.0.0 <2.0.0"`,
    );
  }
  return range;
}
