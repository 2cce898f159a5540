import { sha256 } from "@noble/hashes/sha2.js";
import { decompress } from "brotli/decompress.js";
import { ByteReader } from "./delta-streams.js";
import { PatchError } from "./patch-error.js";
import { CHECKSUM_LENGTH, HEADER_LENGTH, fromHex, readPatchHeader, sameBytes, type PatchHeader } from "./patch-format.js";

/**
 * The device side: plain JavaScript, no Node built-in, so a React Native client can import this file
 * (its dependencies are `@noble/hashes` for SHA-256 and the pure-JS Brotli decoder of `brotli`).
 */
export interface ApplyPatchOptions {
  /** Largest output accepted (a header could announce anything); default 64 MiB, far above any bundle. */
  maxNewLength?: number;
  /**
   * SHA-256 to use instead of the pure-JS one, e.g. a native (JSI) implementation on a device: under the
   * Hermes interpreter the two pure-JS hashes of a 2.5 MB bundle take most of the apply time.
   */
  sha256?: (data: Uint8Array) => Uint8Array;
}

const DEFAULT_MAX_NEW_LENGTH = 64 * 1024 * 1024;
/**
 * A stream may not announce more than this many raw bytes per stored byte (plus a small allowance).
 * Real patches stay under 6:1; without a bound a 2 KB crafted patch made the decoder allocate gigabytes.
 */
const MAX_EXPANSION = 4096;
const EXPANSION_ALLOWANCE = 64 * 1024;

/**
 * Rebuilds the new bytes from `oldBytes` and a patch made by `createPatch`, or throws a `PatchError`
 * (code `invalid_request`, `reason` says why). Checked in order: the header; the patch's own checksum
 * (a flipped or missing byte is `corrupt` or `truncated`); the announced size (`too_large`); the old
 * bytes' length and SHA-256 (`wrong_base`); the streams' structure (`corrupt`); last, the result's
 * SHA-256 (`result_mismatch`). It never returns bytes other than those the patch announces.
 */
export function applyPatch(oldBytes: Uint8Array, patch: Uint8Array, options: ApplyPatchOptions = {}): Uint8Array {
  const header = readPatchHeader(patch);
  const hash = options.sha256 ?? sha256;
  const checksumAt = patch.length - CHECKSUM_LENGTH;
  if (!sameBytes(hash(patch.subarray(0, checksumAt)), patch.subarray(checksumAt))) {
    throw new PatchError("corrupt", "the patch does not match its checksum");
  }
  const maxNewLength = options.maxNewLength ?? DEFAULT_MAX_NEW_LENGTH;
  if (header.newLength > maxNewLength) {
    throw new PatchError("too_large", `the patch rebuilds ${header.newLength} bytes; this applier accepts at most ${maxNewLength}`);
  }
  if (oldBytes.length !== header.oldLength || !sameBytes(hash(oldBytes), fromHex(header.oldSha256))) {
    throw new PatchError("wrong_base", "the patch was made from other bytes than the ones it is applied to");
  }
  const result = rebuild(oldBytes, patch, header);
  if (!sameBytes(hash(result), fromHex(header.newSha256))) {
    throw new PatchError("result_mismatch", "the patched bytes do not match the announced hash");
  }
  return result;
}

function rebuild(oldBytes: Uint8Array, patch: Uint8Array, header: PatchHeader): Uint8Array {
  const [controlLengths, diffLengths, extraLengths] = header.streams;
  if (!controlLengths || !diffLengths || !extraLengths) throw new PatchError("corrupt", "the patch lacks a stream");
  // Raw stream sizes are bounded by the output: a header cannot make the applier allocate more.
  const newLength = header.newLength;
  if (extraLengths.raw > newLength || diffLengths.raw > 2 * newLength + 16 || controlLengths.raw > 3 * 7 * (newLength + 1)) {
    throw new PatchError("corrupt", "the patch announces streams larger than its output");
  }
  for (const lengths of [controlLengths, diffLengths, extraLengths]) {
    if (lengths.raw > lengths.stored * MAX_EXPANSION + EXPANSION_ALLOWANCE) {
      throw new PatchError("corrupt", "the patch announces a stream that would expand beyond any real patch");
    }
  }
  let offset = HEADER_LENGTH;
  const inflate = (lengths: { raw: number; stored: number }, what: string): Uint8Array => {
    const stored = patch.subarray(offset, offset + lengths.stored);
    offset += lengths.stored;
    if (lengths.raw === 0 && lengths.stored === 0) return new Uint8Array(0);
    let raw: Uint8Array;
    try {
      raw = decompress(stored, lengths.raw);
    } catch (cause) {
      throw new PatchError("corrupt", `the ${what} stream cannot be decompressed`, { cause });
    }
    if (raw.length !== lengths.raw) throw new PatchError("corrupt", `the ${what} stream has the wrong length`);
    return raw;
  };
  const control = new ByteReader(inflate(controlLengths, "control"), "control");
  const diff = new ByteReader(inflate(diffLengths, "diff"), "diff");
  const extra = inflate(extraLengths, "extra");

  const out = new Uint8Array(newLength);
  const bad = (why: string): never => {
    throw new PatchError("corrupt", `the patch is malformed: ${why}`);
  };
  let outPos = 0;
  let oldPos = 0;
  let extraPos = 0;
  // Current run of the diff stream: `zeros` bytes copied as they are, then `literals` bytes added.
  let zeros = 0;
  let literals = 0;
  while (!control.done) {
    const add = control.varint();
    const copy = control.varint();
    const seek = control.signed();
    if (outPos + add + copy > newLength) bad("it writes past the announced length");
    if (oldPos < 0 || oldPos + add > oldBytes.length) bad("it reads outside the old bytes");
    let left = add;
    while (left > 0) {
      if (zeros === 0 && literals === 0) {
        zeros = diff.varint();
        literals = diff.varint();
        if (zeros === 0 && literals === 0) bad("an empty diff run");
        if (diff.offset + literals > diff.data.length) bad("a diff run past the end of its stream");
      }
      if (zeros > 0) {
        const n = Math.min(zeros, left);
        out.set(oldBytes.subarray(oldPos, oldPos + n), outPos);
        zeros -= n;
        left -= n;
        oldPos += n;
        outPos += n;
      } else {
        const n = Math.min(literals, left);
        const d = diff.data;
        let at = diff.offset;
        for (let i = 0; i < n; i++) out[outPos + i] = (oldBytes[oldPos + i]! + d[at++]!) & 0xff;
        diff.offset = at;
        literals -= n;
        left -= n;
        oldPos += n;
        outPos += n;
      }
    }
    if (extraPos + copy > extra.length) bad("it copies past the end of the extra stream");
    out.set(extra.subarray(extraPos, extraPos + copy), outPos);
    extraPos += copy;
    outPos += copy;
    oldPos += seek;
  }
  if (outPos !== newLength) bad("it rebuilds fewer bytes than announced");
  if (zeros !== 0 || literals !== 0 || !diff.done) bad("diff bytes are left over");
  if (extraPos !== extra.length) bad("extra bytes are left over");
  return out;
}
