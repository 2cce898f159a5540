import { HotpatchError, type ErrorCode } from "../errors.js";

/**
 * Why a binary patch was refused or could not be made. Stable strings: clients and logs may match on them.
 *
 * Applying (`code` = `invalid_request`): the patch is not to be used, the full package must be fetched.
 * - `not_a_patch`: the bytes do not start with the patch magic.
 * - `unsupported_version` / `unsupported_algorithm`: written by a newer server than this applier knows.
 * - `truncated`: shorter than its header says.
 * - `corrupt`: the patch's own checksum or structure is wrong (a flipped byte, a bad stream).
 * - `wrong_base`: the patch was made from other bytes than the ones it is applied to.
 * - `result_mismatch`: the rebuilt bytes do not hash to the announced new hash.
 * - `too_large`: the announced output is larger than the applier accepts.
 *
 * Creating (`code` = `payload_too_large`): no patch is made, the full package is served.
 * - `input_too_large`: an input is over `maxInputBytes`, or the estimated memory is over `memoryBudgetBytes`.
 * - `timeout`: generation ran past `timeoutMs`.
 */
export type PatchErrorReason =
  | "not_a_patch"
  | "unsupported_version"
  | "unsupported_algorithm"
  | "truncated"
  | "corrupt"
  | "wrong_base"
  | "result_mismatch"
  | "too_large"
  | "input_too_large"
  | "timeout";

const CREATE_REASONS: ReadonlySet<PatchErrorReason> = new Set(["input_too_large", "timeout"]);

export class PatchError extends HotpatchError {
  readonly reason: PatchErrorReason;
  constructor(reason: PatchErrorReason, message: string, options?: { cause?: unknown }) {
    const code: ErrorCode = CREATE_REASONS.has(reason) ? "payload_too_large" : "invalid_request";
    super(code, message, options);
    this.name = "PatchError";
    this.reason = reason;
  }
}

export function isPatchError(error: unknown): error is PatchError {
  return error instanceof PatchError;
}
