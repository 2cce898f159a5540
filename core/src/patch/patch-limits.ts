/**
 * Bounds on binary-patch generation and the rule for offering a patch at all. Pure values and
 * functions, usable by the server and by a client.
 */
export interface PatchLimits {
  /** Largest old or new input accepted, in bytes. */
  maxInputBytes: number;
  /**
   * Largest estimated working memory of one generation, in bytes (see `estimatePatchMemory`); a pair
   * over it is refused before any work.
   */
  memoryBudgetBytes: number;
  /** Wall-clock budget of one generation, in milliseconds. */
  timeoutMs: number;
  /**
   * A patch larger than this fraction of the full download is not offered (the device saves too
   * little to be worth the extra work and risk).
   */
  maxPatchRatio: number;
}

export const DEFAULT_PATCH_LIMITS: PatchLimits = {
  maxInputBytes: 64 * 1024 * 1024,
  memoryBudgetBytes: 512 * 1024 * 1024,
  timeoutMs: 60_000,
  maxPatchRatio: 0.5,
};

/**
 * Working memory of `createPatch` beyond the two inputs: the suffix array (4 bytes per old byte), the
 * SA-IS type bytes (under 2 per old byte over all levels), the diff and extra buffers and the encoded
 * streams (under 4 per new byte), and the Brotli encoders (tens of MB at quality 11). Measured peak RSS
 * growth stays under it: 55 MB for the 2.6 MB Hermes fixtures (estimate 73 MB), 100 MB for 10 MB
 * inputs (estimate 148 MB).
 */
export function estimatePatchMemory(oldLength: number, newLength: number): number {
  return 6 * oldLength + 4 * newLength + 48 * 1024 * 1024;
}

/** The rule "a patch bigger than `maxRatio` of the full package is not offered". */
export function shouldOfferPatch(patchBytes: number, fullPackageBytes: number, maxRatio = DEFAULT_PATCH_LIMITS.maxPatchRatio): boolean {
  return patchBytes > 0 && fullPackageBytes > 0 && patchBytes <= fullPackageBytes * maxRatio;
}
