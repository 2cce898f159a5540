import { createHash } from "node:crypto";
import { brotliCompress, constants as zlibConstants } from "node:zlib";
import { BINARY_MIN_GAIN, TEXT_MIN_GAIN, bsdiff } from "./bsdiff.js";
import { encodeControl, encodeDiffRuns } from "./delta-streams.js";
import { PatchError } from "./patch-error.js";
import {
  CHECKSUM_LENGTH,
  HEADER_LENGTH,
  PATCH_FORMAT_VERSION,
  type PatchHeader,
  type StreamLengths,
  writeHeader,
} from "./patch-format.js";
import { DEFAULT_PATCH_LIMITS, estimatePatchMemory, shouldOfferPatch, type PatchLimits } from "./patch-limits.js";

export interface CreatePatchOptions extends Partial<PatchLimits> {
  /** Brotli quality of the streams, 0–11 (default 11: smallest patches, generation is off the request path). */
  quality?: number;
  /** bsdiff's block threshold; by default 32 for text (no NUL byte) and 8 for binary (Hermes bytecode). */
  minGain?: number;
  /** Size of the download the patch replaces, for the ratio rule (default: the new bytes' length). */
  fullPackageBytes?: number;
}

export interface CreatedPatch {
  bytes: Uint8Array;
  header: PatchHeader;
  /** `bytes.length / fullPackageBytes`. */
  ratio: number;
  /** Whether the patch passes the ratio rule (`shouldOfferPatch`); a patch that does not is not served. */
  offered: boolean;
  elapsedMs: number;
}

/**
 * Makes a binary patch that turns `oldBytes` into `newBytes` (bsdiff + Brotli, patch-format.ts).
 * Server side: CPU-bound, about 0.1–0.3 s per MB of input for the delta (which blocks the event loop:
 * run it off the request path) plus Brotli on the libuv pool. Refuses inputs over the limits, and gives
 * up past `timeoutMs`, with a `PatchError` (code `payload_too_large`).
 */
export async function createPatch(oldBytes: Uint8Array, newBytes: Uint8Array, options: CreatePatchOptions = {}): Promise<CreatedPatch> {
  const limits: PatchLimits = {
    maxInputBytes: options.maxInputBytes ?? DEFAULT_PATCH_LIMITS.maxInputBytes,
    memoryBudgetBytes: options.memoryBudgetBytes ?? DEFAULT_PATCH_LIMITS.memoryBudgetBytes,
    timeoutMs: options.timeoutMs ?? DEFAULT_PATCH_LIMITS.timeoutMs,
    maxPatchRatio: options.maxPatchRatio ?? DEFAULT_PATCH_LIMITS.maxPatchRatio,
  };
  const started = performance.now();
  const deadline = started + limits.timeoutMs;
  const overrun = (): never => {
    throw new PatchError("timeout", `patch generation ran past its budget of ${limits.timeoutMs} ms`);
  };
  for (const [name, bytes] of [["old", oldBytes], ["new", newBytes]] as const) {
    if (bytes.length > limits.maxInputBytes) {
      throw new PatchError("input_too_large", `the ${name} input is ${bytes.length} bytes; patches are made for at most ${limits.maxInputBytes}`);
    }
  }
  const estimate = estimatePatchMemory(oldBytes.length, newBytes.length);
  if (estimate > limits.memoryBudgetBytes) {
    throw new PatchError("input_too_large", `a patch of these inputs needs about ${estimate} bytes of memory; the budget is ${limits.memoryBudgetBytes}`);
  }

  const minGain = options.minGain ?? (looksLikeText(newBytes) ? TEXT_MIN_GAIN : BINARY_MIN_GAIN);
  const delta = bsdiff(oldBytes, newBytes, { minGain, deadline, onOverrun: overrun });
  const raw = [encodeControl(delta.control), encodeDiffRuns(delta.diff), delta.extra];
  const quality = options.quality ?? 11;
  const stored = await Promise.all(raw.map((stream) => compress(stream, quality)));
  if (performance.now() > deadline) overrun();

  const header: PatchHeader = {
    version: PATCH_FORMAT_VERSION,
    algorithm: "bsdiff-brotli",
    oldSha256: sha256Hex(oldBytes),
    newSha256: sha256Hex(newBytes),
    oldLength: oldBytes.length,
    newLength: newBytes.length,
    streams: raw.map((stream, i): StreamLengths => ({ raw: stream.length, stored: stored[i]!.length })),
  };
  const bodyLength = stored.reduce((sum, s) => sum + s.length, 0);
  const bytes = new Uint8Array(HEADER_LENGTH + bodyLength + CHECKSUM_LENGTH);
  writeHeader(header, bytes);
  let offset = HEADER_LENGTH;
  for (const s of stored) {
    bytes.set(s, offset);
    offset += s.length;
  }
  bytes.set(createHash("sha256").update(bytes.subarray(0, offset)).digest(), offset);

  const fullPackageBytes = options.fullPackageBytes ?? newBytes.length;
  return {
    bytes,
    header,
    ratio: fullPackageBytes > 0 ? bytes.length / fullPackageBytes : Infinity,
    offered: shouldOfferPatch(bytes.length, fullPackageBytes, limits.maxPatchRatio),
    elapsedMs: performance.now() - started,
  };
}

/** JS bundles have no NUL byte; Hermes bytecode is full of them. */
function looksLikeText(bytes: Uint8Array): boolean {
  return bytes.subarray(0, 64 * 1024).indexOf(0) === -1;
}

function sha256Hex(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex");
}

/** Brotli with a window just large enough for the stream (the JS decoder allocates the whole window). */
function compress(stream: Uint8Array, quality: number): Promise<Uint8Array> {
  if (stream.length === 0) return Promise.resolve(new Uint8Array(0));
  const lgwin = Math.min(24, Math.max(10, Math.ceil(Math.log2(stream.length + 16))));
  return new Promise((resolve, reject) => {
    brotliCompress(
      stream,
      {
        params: {
          [zlibConstants.BROTLI_PARAM_QUALITY]: quality,
          [zlibConstants.BROTLI_PARAM_LGWIN]: lgwin,
          [zlibConstants.BROTLI_PARAM_SIZE_HINT]: stream.length,
        },
      },
      (error, result) => (error ? reject(error) : resolve(new Uint8Array(result.buffer, result.byteOffset, result.byteLength))),
    );
  });
}
