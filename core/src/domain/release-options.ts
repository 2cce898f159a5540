import { InvalidRequestError } from "../errors.js";
import type { ReleaseOptions } from "./release.js";
import { assertDescription, assertRollout, assertValidRange } from "./validation.js";

export interface ParsedPackageInfo {
  label?: string;
  options: ReleaseOptions;
}

/**
 * Reads a CodePush `packageInfo` object. Only whitelisted fields are read; unknown keys are ignored
 * and never stored (CodePush stored them verbatim: mass assignment).
 */
export function parsePackageInfo(raw: unknown): ParsedPackageInfo {
  if (raw === undefined || raw === null) return { options: {} };
  if (typeof raw !== "object" || Array.isArray(raw)) {
    throw new InvalidRequestError("packageInfo must be a JSON object", "packageInfo");
  }
  const info = raw as Record<string, unknown>;
  const options: ReleaseOptions = {};
  const result: ParsedPackageInfo = { options };
  if (info.label !== undefined && info.label !== null) {
    if (typeof info.label !== "string" || !/^v[1-9][0-9]*$/.test(info.label)) {
      throw new InvalidRequestError('label must look like "v1", "v2", ...', "label");
    }
    result.label = info.label;
  }
  if (info.appVersion !== undefined && info.appVersion !== null) {
    assertValidRange(info.appVersion, "appVersion");
    options.appVersion = info.appVersion;
  }
  if (info.description !== undefined && info.description !== null) {
    assertDescription(info.description);
    options.description = info.description;
  }
  for (const field of ["isMandatory", "isDisabled"] as const) {
    const value = info[field];
    if (value === undefined || value === null) continue;
    if (typeof value !== "boolean") throw new InvalidRequestError(`${field} must be true or false`, field);
    options[field] = value;
  }
  if (info.rollout !== undefined && info.rollout !== null) {
    const rollout = typeof info.rollout === "string" ? Number(info.rollout.replace(/%$/, "")) : info.rollout;
    assertRollout(rollout);
    options.rollout = rollout;
  }
  return result;
}
