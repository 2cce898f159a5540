import { createHash } from "node:crypto";
import { brotliCompressSync } from "node:zlib";
import { beforeAll, describe, expect, it } from "vitest";
import { HotpatchError } from "@hotpatch/core";
import { PatchError, applyPatch, createPatch, isPatchError, type PatchErrorReason } from "@hotpatch/core/patch";
import { encodeControl } from "../../src/patch/delta-streams.js";
import { CHECKSUM_LENGTH, HEADER_LENGTH, writeHeader, type PatchHeader } from "../../src/patch/patch-format.js";
import { bundle } from "./fixtures.js";

const JS = "android/index.android.bundle";
const HBC = "android/index.android.bundle.hbc";
const sha = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");

/** Runs `fn`, which must throw a PatchError; returns its reason. */
function refusal(fn: () => unknown): PatchErrorReason {
  let thrown: unknown;
  try {
    fn();
  } catch (error) {
    thrown = error;
  }
  expect(thrown, "the applier returned bytes instead of refusing").toBeInstanceOf(PatchError);
  const error = thrown as PatchError;
  expect(error).toBeInstanceOf(HotpatchError);
  expect(isPatchError(error)).toBe(true);
  expect(error.code).toBe("invalid_request");
  return error.reason;
}

function flipped(patch: Uint8Array, at: number, mask = 0xff): Uint8Array {
  const copy = patch.slice();
  copy[at] = copy[at]! ^ mask;
  return copy;
}

/** A patch with the given header and raw streams, Brotli-compressed and correctly checksummed. */
function craft(header: Omit<PatchHeader, "streams">, raw: Uint8Array[]): Uint8Array {
  const stored = raw.map((s) => (s.length === 0 ? new Uint8Array(0) : new Uint8Array(brotliCompressSync(s))));
  const body = stored.reduce((n, s) => n + s.length, 0);
  const out = new Uint8Array(HEADER_LENGTH + body + CHECKSUM_LENGTH);
  writeHeader({ ...header, streams: raw.map((s, i) => ({ raw: s.length, stored: stored[i]!.length })) }, out);
  let at = HEADER_LENGTH;
  for (const s of stored) {
    out.set(s, at);
    at += s.length;
  }
  out.set(createHash("sha256").update(out.subarray(0, at)).digest(), at);
  return out;
}

describe("the applier refuses, never returns wrong bytes", () => {
  let jsPatch: Uint8Array;
  let hbcPatch: Uint8Array;
  const oldJs = () => bundle("v1", JS);
  beforeAll(async () => {
    jsPatch = (await createPatch(bundle("v1", JS), bundle("v2", JS))).bytes;
    hbcPatch = (await createPatch(bundle("v1", HBC), bundle("v2", HBC))).bytes;
  }, 60_000);

  it("applies the untouched patches (the baseline of the cases below)", () => {
    expect(sha(applyPatch(oldJs(), jsPatch))).toBe(sha(bundle("v2", JS)));
    expect(sha(applyPatch(bundle("v1", HBC), hbcPatch))).toBe(sha(bundle("v2", HBC)));
  });

  it("refuses a patch with a flipped byte in each part: header, hashes, lengths, streams, checksum", () => {
    const last = jsPatch.length - 1;
    const expected: Array<[number, PatchErrorReason[]]> = [
      [0, ["not_a_patch"]],
      [4, ["unsupported_version"]],
      [5, ["unsupported_algorithm"]],
      [6, ["corrupt"]],
      [8, ["corrupt"]], // old hash
      [60, ["corrupt"]], // new hash
      [72, ["corrupt"]], // old length
      [80, ["corrupt"]], // new length
      [88, ["corrupt"]], // a stream's raw length
      [92, ["corrupt", "truncated"]], // a stream's stored length: the total no longer adds up
      [HEADER_LENGTH, ["corrupt"]], // first stream byte
      [Math.floor((HEADER_LENGTH + last - CHECKSUM_LENGTH) / 2), ["corrupt"]],
      [last - CHECKSUM_LENGTH, ["corrupt"]], // last stream byte
      [last, ["corrupt"]], // checksum
    ];
    for (const [at, reasons] of expected) {
      expect(reasons, `byte ${at}`).toContain(refusal(() => applyPatch(oldJs(), flipped(jsPatch, at))));
    }
  });

  it("refuses single-bit flips anywhere in the Hermes patch", () => {
    let seed = 7;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31);
    for (let i = 0; i < 40; i++) {
      const at = next() % hbcPatch.length;
      const reason = refusal(() => applyPatch(bundle("v1", HBC), flipped(hbcPatch, at, 1 << next() % 8)));
      expect(["corrupt", "truncated", "not_a_patch", "unsupported_version", "unsupported_algorithm"]).toContain(reason);
    }
  });

  it("refuses a truncated patch, wherever it is cut, and one with bytes appended", () => {
    for (const length of [0, 3, 50, HEADER_LENGTH - 1, HEADER_LENGTH, jsPatch.length - CHECKSUM_LENGTH, jsPatch.length - 1]) {
      expect(refusal(() => applyPatch(oldJs(), jsPatch.subarray(0, length))), `cut at ${length}`).toBe("truncated");
    }
    for (const cut of [1000, hbcPatch.length >> 1, hbcPatch.length - 1]) {
      expect(refusal(() => applyPatch(bundle("v1", HBC), hbcPatch.subarray(0, cut)))).toBe("truncated");
    }
    const longer = new Uint8Array(jsPatch.length + 1);
    longer.set(jsPatch);
    expect(refusal(() => applyPatch(oldJs(), longer))).toBe("corrupt");
  });

  it("refuses a patch applied to the wrong base", () => {
    expect(refusal(() => applyPatch(bundle("v3", JS), jsPatch))).toBe("wrong_base");
    expect(refusal(() => applyPatch(bundle("v1", "ios/main.jsbundle"), jsPatch))).toBe("wrong_base");
    expect(refusal(() => applyPatch(bundle("v2", JS), jsPatch))).toBe("wrong_base"); // already updated
    expect(refusal(() => applyPatch(oldJs().subarray(1), jsPatch))).toBe("wrong_base");
    const oneByteOff = oldJs().slice();
    oneByteOff[1000] = oneByteOff[1000]! ^ 1;
    expect(refusal(() => applyPatch(oneByteOff, jsPatch))).toBe("wrong_base");
    expect(refusal(() => applyPatch(bundle("v1", JS), hbcPatch))).toBe("wrong_base");
  });

  it("refuses something that is not a patch, and a patch too large for the device", () => {
    expect(refusal(() => applyPatch(oldJs(), bundle("v2", JS)))).toBe("not_a_patch");
    expect(refusal(() => applyPatch(oldJs(), jsPatch, { maxNewLength: 1000 }))).toBe("too_large");
  });

  it("refuses well-checksummed patches whose content lies (crafted, not corrupted)", () => {
    const old = new TextEncoder().encode("hello, old world");
    const wanted = new TextEncoder().encode("hello, new world!");
    const header = { version: 1, algorithm: "bsdiff-brotli" as const, oldSha256: sha(old), newSha256: sha(wanted), oldLength: old.length, newLength: wanted.length };
    // The honest construction: copy everything from extra.
    const honest = craft(header, [encodeControl([0, wanted.length, 0]), new Uint8Array(0), wanted]);
    expect(new TextDecoder().decode(applyPatch(old, honest))).toBe("hello, new world!");
    // Streams that rebuild other bytes than announced.
    const other = new TextEncoder().encode("HELLO, NEW WORLD!");
    expect(refusal(() => applyPatch(old, craft(header, [encodeControl([0, other.length, 0]), new Uint8Array(0), other])))).toBe("result_mismatch");
    // Control that writes past the end, reads outside the old bytes, or leaves bytes unused.
    expect(refusal(() => applyPatch(old, craft(header, [encodeControl([0, wanted.length + 1, 0]), new Uint8Array(0), wanted])))).toBe("corrupt");
    expect(refusal(() => applyPatch(old, craft(header, [encodeControl([old.length + 1, 0, 0]), Uint8Array.of(old.length + 1, 0), new Uint8Array(0)])))).toBe("corrupt");
    expect(refusal(() => applyPatch(old, craft(header, [encodeControl([0, 3, 0]), new Uint8Array(0), wanted])))).toBe("corrupt");
    // A stream that is not Brotli at all.
    const garbage = honest.slice();
    garbage.set([1, 2, 3, 4, 5], HEADER_LENGTH);
    garbage.set(createHash("sha256").update(garbage.subarray(0, garbage.length - CHECKSUM_LENGTH)).digest(), garbage.length - CHECKSUM_LENGTH);
    expect(refusal(() => applyPatch(old, garbage))).toBe("corrupt");
  });
});
