import { suffixArray } from "./suffix-array.js";

/**
 * The three streams of a bsdiff delta (Colin Percival, "Naive differences of executable code", 2003).
 * The new file is rebuilt by repeating, for each control triple (add, copy, seek):
 *   add `add` bytes: new[i] = old[oldPos + i] + diff[...] (mod 256), advancing both positions;
 *   copy `copy` bytes from `extra` verbatim;
 *   move the old position by `seek` (may be negative).
 * Approximate matches (same bytes except a few, as when addresses or ids shift) cost only the differing
 * diff bytes, which are zeros elsewhere and compress to almost nothing.
 */
export interface DeltaStreams {
  /** Triples (add, copy, seek), flattened. */
  control: number[];
  diff: Uint8Array;
  extra: Uint8Array;
}

export interface BsdiffOptions {
  /**
   * How many more bytes an exact match elsewhere in the old file must cover, beyond what the current
   * alignment already matches, to start a new block. bsdiff uses 8; text (JS bundles, where short
   * repeats are everywhere) does better with 32, as each new block costs a control triple.
   */
  minGain?: number;
  /** Absolute time (`performance.now()` scale) after which `onOverrun` is called. */
  deadline?: number;
  onOverrun?: () => never;
}

/** bsdiff's own block threshold, and the one for text. */
export const BINARY_MIN_GAIN = 8;
export const TEXT_MIN_GAIN = 32;

/** How often (in scanned positions) the deadline is looked at. */
const DEADLINE_STRIDE = 256;

export function bsdiff(oldBytes: Uint8Array, newBytes: Uint8Array, options: BsdiffOptions = {}): DeltaStreams {
  const minGain = options.minGain ?? BINARY_MIN_GAIN;
  const deadline = options.deadline ?? Infinity;
  const overrun =
    options.onOverrun ??
    (() => {
      throw new Error("bsdiff ran past its deadline");
    });
  const oldSize = oldBytes.length;
  const newSize = newBytes.length;
  const control: number[] = [];
  const diff = new Uint8Array(newSize);
  const extra = new Uint8Array(newSize);
  let diffLength = 0;
  let extraLength = 0;
  if (oldSize === 0) {
    if (newSize > 0) {
      control.push(0, newSize, 0);
      extra.set(newBytes);
    }
    return { control, diff: diff.subarray(0, 0), extra: extra.subarray(0, newSize) };
  }

  const sa = suffixArray(oldBytes, () => {
    if (performance.now() > deadline) overrun();
  });

  // Longest match of newBytes[from..] among old suffixes, by binary search over the suffix array.
  let matchPos = 0;
  const search = (from: number): number => {
    let lo = 0;
    let hi = oldSize - 1;
    while (hi - lo >= 2) {
      const mid = (lo + hi) >>> 1;
      if (compareSuffix(oldBytes, sa[mid]!, newBytes, from) < 0) lo = mid;
      else hi = mid;
    }
    const a = sa[lo]!;
    const b = sa[hi]!;
    const la = matchLength(oldBytes, a, newBytes, from);
    const lb = matchLength(oldBytes, b, newBytes, from);
    if (la >= lb) {
      matchPos = a;
      return la;
    }
    matchPos = b;
    return lb;
  };

  let scan = 0;
  let len = 0;
  let pos = 0;
  let lastScan = 0;
  let lastPos = 0;
  let lastOffset = 0;
  let ticks = 0;
  while (scan < newSize) {
    let oldScore = 0;
    scan += len;
    let scsc = scan;
    for (; scan < newSize; scan++) {
      if (++ticks % DEADLINE_STRIDE === 0 && performance.now() > deadline) overrun();
      len = search(scan);
      pos = matchPos;
      // oldScore = how many bytes of the candidate range already match at the current offset.
      for (; scsc < scan + len; scsc++) {
        if (scsc + lastOffset < oldSize && oldBytes[scsc + lastOffset] === newBytes[scsc]) oldScore++;
      }
      if ((len === oldScore && len !== 0) || len > oldScore + minGain) break;
      if (scan + lastOffset < oldSize && oldBytes[scan + lastOffset] === newBytes[scan]) oldScore--;
    }
    if (len === oldScore && scan !== newSize) continue;

    // Extend the previous match forwards and the new one backwards, as long as half the bytes agree.
    let s = 0;
    let bestForward = 0;
    let lenForward = 0;
    for (let i = 0; lastScan + i < scan && lastPos + i < oldSize; ) {
      if (oldBytes[lastPos + i] === newBytes[lastScan + i]) s++;
      i++;
      if (s * 2 - i > bestForward * 2 - lenForward) {
        bestForward = s;
        lenForward = i;
      }
    }
    let lenBackward = 0;
    if (scan < newSize) {
      s = 0;
      let bestBackward = 0;
      for (let i = 1; scan >= lastScan + i && pos >= i; i++) {
        if (oldBytes[pos - i] === newBytes[scan - i]) s++;
        if (s * 2 - i > bestBackward * 2 - lenBackward) {
          bestBackward = s;
          lenBackward = i;
        }
      }
    }
    // Where the two extensions overlap, split at the point that keeps the most matching bytes.
    if (lastScan + lenForward > scan - lenBackward) {
      const overlap = lastScan + lenForward - (scan - lenBackward);
      s = 0;
      let bestSplit = 0;
      let lenSplit = 0;
      for (let i = 0; i < overlap; i++) {
        if (newBytes[lastScan + lenForward - overlap + i] === oldBytes[lastPos + lenForward - overlap + i]) s++;
        if (newBytes[scan - lenBackward + i] === oldBytes[pos - lenBackward + i]) s--;
        if (s > bestSplit) {
          bestSplit = s;
          lenSplit = i + 1;
        }
      }
      lenForward += lenSplit - overlap;
      lenBackward -= lenSplit;
    }

    for (let i = 0; i < lenForward; i++) {
      diff[diffLength + i] = (newBytes[lastScan + i]! - oldBytes[lastPos + i]!) & 0xff;
    }
    const extraRun = scan - lenBackward - (lastScan + lenForward);
    extra.set(newBytes.subarray(lastScan + lenForward, lastScan + lenForward + extraRun), extraLength);
    diffLength += lenForward;
    extraLength += extraRun;
    control.push(lenForward, extraRun, pos - lenBackward - (lastPos + lenForward));

    lastScan = scan - lenBackward;
    lastPos = pos - lenBackward;
    lastOffset = pos - scan;
  }
  return { control, diff: diff.subarray(0, diffLength), extra: extra.subarray(0, extraLength) };
}

/** Sign of old[a..] compared with new[b..] over their common length (a shorter prefix sorts first only past that). */
function compareSuffix(oldBytes: Uint8Array, a: number, newBytes: Uint8Array, b: number): number {
  const n = Math.min(oldBytes.length - a, newBytes.length - b);
  for (let i = 0; i < n; i++) {
    const d = oldBytes[a + i]! - newBytes[b + i]!;
    if (d !== 0) return d;
  }
  return 0;
}

function matchLength(oldBytes: Uint8Array, a: number, newBytes: Uint8Array, b: number): number {
  const n = Math.min(oldBytes.length - a, newBytes.length - b);
  let i = 0;
  while (i < n && oldBytes[a + i] === newBytes[b + i]) i++;
  return i;
}
