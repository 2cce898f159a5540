import { describe, expect, it } from "vitest";
import {
  DEFAULT_PATCH_LIMITS,
  PatchError,
  applyPatch,
  createPatch,
  estimatePatchMemory,
  shouldOfferPatch,
} from "@hotpatch/core/patch";
import { bundle } from "./fixtures.js";

async function creationError(promise: Promise<unknown>): Promise<PatchError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(PatchError);
  expect((error as PatchError).code).toBe("payload_too_large");
  return error as PatchError;
}

function randomBytes(length: number, seed: number): Uint8Array {
  const out = new Uint8Array(length);
  let s = seed;
  for (let i = 0; i < length; i++) {
    s = (s * 1664525 + 1013904223) >>> 0;
    out[i] = s >>> 24;
  }
  return out;
}

describe("patch generation limits", () => {
  it("refuses inputs over maxInputBytes before any work", async () => {
    const error = await creationError(createPatch(new Uint8Array(10), new Uint8Array(2048), { maxInputBytes: 1024 }));
    expect(error.reason).toBe("input_too_large");
  });

  it("refuses a pair whose estimated memory is over the budget", async () => {
    const old = bundle("v1", "android/index.android.bundle");
    const error = await creationError(createPatch(old, old, { memoryBudgetBytes: estimatePatchMemory(old.length, old.length) - 1 }));
    expect(error.reason).toBe("input_too_large");
  });

  it("gives up past its time budget with a typed error", async () => {
    const error = await creationError(createPatch(randomBytes(2_000_000, 1), randomBytes(2_000_000, 2), { timeoutMs: 1 }));
    expect(error.reason).toBe("timeout");
  });

  it("makes a patch for a 10 MB bundle within the default limits, in bounded memory", async () => {
    // 10 MB of real bundle bytes: v1 JS + Hermes bundles repeated, against the same with v2's.
    const parts = (v: string) => [bundle(v, "android/index.android.bundle"), bundle(v, "android/index.android.bundle.hbc"), bundle(v, "ios/main.jsbundle")];
    const build = (v: string) => {
      const out = new Uint8Array(10 * 1024 * 1024);
      let at = 0;
      for (let round = 0; at < out.length; round++) {
        for (const part of parts(v)) {
          const n = Math.min(part.length, out.length - at);
          out.set(part.subarray(0, n), at);
          at += n;
        }
      }
      return out;
    };
    const oldBytes = build("v1");
    const newBytes = build("v2");
    expect(estimatePatchMemory(oldBytes.length, newBytes.length)).toBeLessThan(DEFAULT_PATCH_LIMITS.memoryBudgetBytes);
    const rssBefore = process.resourceUsage().maxRSS * 1024;
    const created = await createPatch(oldBytes, newBytes);
    const rssGrowth = process.resourceUsage().maxRSS * 1024 - rssBefore;
    expect(rssGrowth).toBeLessThan(estimatePatchMemory(oldBytes.length, newBytes.length));
    expect(created.bytes.length).toBeLessThan(0.05 * newBytes.length);
    expect(Buffer.compare(Buffer.from(applyPatch(oldBytes, created.bytes)), Buffer.from(newBytes))).toBe(0);
  }, 120_000);
});

describe("the offer rule", () => {
  it("offers a patch only up to the configured fraction of the full package", () => {
    expect(DEFAULT_PATCH_LIMITS.maxPatchRatio).toBe(0.5);
    expect(shouldOfferPatch(500, 1000)).toBe(true);
    expect(shouldOfferPatch(501, 1000)).toBe(false);
    expect(shouldOfferPatch(200, 1000, 0.1)).toBe(false);
    expect(shouldOfferPatch(0, 1000)).toBe(false);
    expect(shouldOfferPatch(10, 0)).toBe(false);
  });

  it("createPatch reports whether its patch may be offered against the full download", async () => {
    const old = bundle("v1", "android/index.android.bundle");
    const next = bundle("v3", "android/index.android.bundle");
    const created = await createPatch(old, next, { fullPackageBytes: 400_000 });
    expect(created.ratio).toBeCloseTo(created.bytes.length / 400_000);
    expect(created.offered).toBe(true);
    const strict = await createPatch(old, next, { fullPackageBytes: 400_000, maxPatchRatio: 0.01 });
    expect(strict.offered).toBe(false);
    // Unrelated inputs: the patch is about as large as the new bytes and is not offered.
    const unrelated = await createPatch(randomBytes(50_000, 3), randomBytes(50_000, 4));
    expect(unrelated.offered).toBe(false);
  });
});
