import semver from "semver";
import { InvalidRequestError } from "../errors.js";

const KEY_PATTERN = /^[A-Za-z0-9_-]{10,100}$/;

/** Deployment keys and access keys: 10–100 characters of `[A-Za-z0-9_-]` (CodePush rule). */
export function isWellFormedKey(key: string): boolean {
  return KEY_PATTERN.test(key);
}

/** App and deployment names: 1–1000 characters, no `\ / ? :` and no control characters. */
export function assertValidName(name: unknown, field: string): asserts name is string {
  if (name === undefined || name === null || name === "") throw new InvalidRequestError(`${field} is required`, field);
  if (typeof name !== "string") throw new InvalidRequestError(`${field} must be a string`, field);
  if (name.trim() !== name) throw new InvalidRequestError(`${field} must not start or end with white space`, field);
  // "." and ".." cannot be addressed in a URL path: they would be created and then never reachable.
  if (name === "." || name === "..") throw new InvalidRequestError(`${field} must not be "." or ".."`, field);
  if (name.length > 1000) throw new InvalidRequestError(`${field} is longer than 1000 characters`, field);
  // eslint-disable-next-line no-control-regex
  if (/[\\/?:\u0000-\u001f\u007f-\u009f]/.test(name)) {
    throw new InvalidRequestError(`${field} must not contain \\ / ? : or control characters`, field);
  }
}

/** A target binary range: any node-semver range; `""` means every version. */
export function assertValidRange(range: unknown, field = "appVersion"): asserts range is string {
  if (typeof range !== "string") throw new InvalidRequestError(`${field} must be a semver range string`, field);
  if (range !== "" && semver.validRange(range) === null) {
    throw new InvalidRequestError(`${field} "${truncate(range)}" is not a valid semver range`, field);
  }
}

export function assertRollout(rollout: unknown, field = "rollout"): asserts rollout is number {
  if (typeof rollout !== "number" || !Number.isInteger(rollout) || rollout < 1 || rollout > 100) {
    throw new InvalidRequestError(`${field} must be a whole number from 1 to 100`, field);
  }
}

export function assertDescription(description: unknown): asserts description is string {
  if (typeof description !== "string") throw new InvalidRequestError("description must be a string", "description");
  if (description.length > 10000) {
    throw new InvalidRequestError("description is longer than 10000 characters", "description");
  }
}

export function truncate(value: string, max = 64): string {
  return value.length > max ? `${value.slice(0, max)}…` : value;
}
