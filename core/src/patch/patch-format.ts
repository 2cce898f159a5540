import { PatchError } from "./patch-error.js";

/**
 * hotpatch binary patch, format version 1. All integers little-endian.
 *
 * | offset | size | field |
 * |---:|---:|---|
 * | 0 | 4 | magic `HPAT` (48 50 41 54) |
 * | 4 | 1 | format version (1) |
 * | 5 | 1 | algorithm id (1 = `bsdiff-brotli`) |
 * | 6 | 2 | flags (0; an applier refuses unknown flags) |
 * | 8 | 32 | SHA-256 of the old bytes |
 * | 40 | 32 | SHA-256 of the new bytes |
 * | 72 | 8 | old length (u64) |
 * | 80 | 8 | new length (u64) |
 * | 88 | 24 | for each of the 3 streams (control, diff, extra): raw length (u32), stored length (u32) |
 * | 112 | … | the 3 stored streams, back to back |
 * | end − 32 | 32 | SHA-256 of every byte before it (the patch's own checksum) |
 *
 * Algorithm 1 (`bsdiff-brotli`): bsdiff's control/diff/extra streams (see bsdiff.ts), each compressed
 * with Brotli. Control = varints: add (unsigned), copy (unsigned), seek (zig-zag signed), per triple.
 * Diff = the bytewise differences as runs: varint zero-run length, varint literal length, the literal
 * (non-zero) bytes; repeated. Extra = the bytes copied verbatim.
 */
export const PATCH_MAGIC = Uint8Array.of(0x48, 0x50, 0x41, 0x54);
export const PATCH_FORMAT_VERSION = 1;
export const PATCH_ALGORITHMS = { "bsdiff-brotli": 1 } as const;
export type PatchAlgorithm = keyof typeof PATCH_ALGORITHMS;
/** Media type for serving a patch. */
export const PATCH_CONTENT_TYPE = "application/vnd.hotpatch.patch";

export const STREAM_COUNT = 3;
export const HEADER_LENGTH = 88 + STREAM_COUNT * 8;
export const CHECKSUM_LENGTH = 32;
/** The smallest well-formed patch: header, empty streams, checksum. */
export const MIN_PATCH_LENGTH = HEADER_LENGTH + CHECKSUM_LENGTH;

export interface StreamLengths {
  raw: number;
  stored: number;
}

export interface PatchHeader {
  version: number;
  algorithm: PatchAlgorithm;
  oldSha256: string;
  newSha256: string;
  oldLength: number;
  newLength: number;
  streams: StreamLengths[];
}

const U32_LIMIT = 2 ** 32;

export function writeHeader(header: PatchHeader, out: Uint8Array): void {
  if (out.length < HEADER_LENGTH) throw new RangeError("header buffer too small");
  const view = new DataView(out.buffer, out.byteOffset, out.byteLength);
  out.set(PATCH_MAGIC, 0);
  out[4] = header.version;
  out[5] = PATCH_ALGORITHMS[header.algorithm];
  view.setUint16(6, 0, true);
  out.set(fromHex(header.oldSha256), 8);
  out.set(fromHex(header.newSha256), 40);
  writeU64(view, 72, header.oldLength);
  writeU64(view, 80, header.newLength);
  header.streams.forEach((stream, i) => {
    if (stream.raw >= U32_LIMIT || stream.stored >= U32_LIMIT) throw new RangeError("stream too large for the format");
    view.setUint32(88 + i * 8, stream.raw, true);
    view.setUint32(92 + i * 8, stream.stored, true);
  });
}

/**
 * Reads and checks the fixed header (not the checksum, not the streams). Refuses a patch that is not one,
 * one from an unknown version or algorithm, and one shorter than its header announces.
 */
export function readPatchHeader(patch: Uint8Array): PatchHeader {
  if (patch.length < 4 || !PATCH_MAGIC.every((b, i) => patch[i] === b)) {
    throw new PatchError(patch.length < 4 ? "truncated" : "not_a_patch", "not a hotpatch binary patch (bad magic)");
  }
  if (patch.length < HEADER_LENGTH) throw new PatchError("truncated", `the patch is ${patch.length} bytes, shorter than its header`);
  const view = new DataView(patch.buffer, patch.byteOffset, patch.byteLength);
  const version = patch[4]!;
  if (version !== PATCH_FORMAT_VERSION) {
    throw new PatchError("unsupported_version", `patch format version ${version} is not supported (this applier reads ${PATCH_FORMAT_VERSION})`);
  }
  const algorithmId = patch[5]!;
  const algorithm = (Object.keys(PATCH_ALGORITHMS) as PatchAlgorithm[]).find((name) => PATCH_ALGORITHMS[name] === algorithmId);
  if (!algorithm) throw new PatchError("unsupported_algorithm", `patch algorithm ${algorithmId} is not supported`);
  if (view.getUint16(6, true) !== 0) throw new PatchError("corrupt", "the patch has unknown flags set");
  const streams: StreamLengths[] = [];
  let total = HEADER_LENGTH + CHECKSUM_LENGTH;
  for (let i = 0; i < STREAM_COUNT; i++) {
    const stream = { raw: view.getUint32(88 + i * 8, true), stored: view.getUint32(92 + i * 8, true) };
    streams.push(stream);
    total += stream.stored;
  }
  if (patch.length < total) throw new PatchError("truncated", `the patch is ${patch.length} bytes; its header announces ${total}`);
  if (patch.length > total) throw new PatchError("corrupt", `the patch has ${patch.length - total} bytes after its end`);
  return {
    version,
    algorithm,
    oldSha256: toHex(patch.subarray(8, 40)),
    newSha256: toHex(patch.subarray(40, 72)),
    oldLength: readU64(view, 72),
    newLength: readU64(view, 80),
    streams,
  };
}

function writeU64(view: DataView, offset: number, value: number): void {
  if (!Number.isSafeInteger(value) || value < 0) throw new RangeError(`not a length: ${value}`);
  view.setUint32(offset, value % U32_LIMIT, true);
  view.setUint32(offset + 4, Math.floor(value / U32_LIMIT), true);
}

function readU64(view: DataView, offset: number): number {
  const value = view.getUint32(offset, true) + view.getUint32(offset + 4, true) * U32_LIMIT;
  if (!Number.isSafeInteger(value)) throw new PatchError("corrupt", "a length in the patch header is out of range");
  return value;
}

const HEX = "0123456789abcdef";

export function toHex(bytes: Uint8Array): string {
  let out = "";
  for (const b of bytes) out += HEX[b >> 4]! + HEX[b & 15]!;
  return out;
}

export function fromHex(hex: string): Uint8Array {
  if (!/^[0-9a-f]{64}$/.test(hex)) throw new RangeError("expected a SHA-256 in lowercase hex");
  const out = new Uint8Array(32);
  for (let i = 0; i < 32; i++) out[i] = parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return out;
}

/** Equality of two byte ranges (for hashes; not secret, so no constant-time need). */
export function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
