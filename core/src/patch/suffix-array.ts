/**
 * Suffix array by induced sorting (SA-IS, Nong–Zhang–Chan 2009): linear time, and the reduced problem of
 * each recursion level lives inside the output array, so the whole construction needs the output
 * (4 bytes per input byte) plus one type byte per symbol per level (under 2 bytes per input byte in all).
 *
 * The text is compared as if it ended with a unique sentinel smaller than every symbol (the sentinel
 * itself is not part of the output): `sa[i]` is the start of the i-th smallest suffix of `text`.
 */
export function suffixArray(text: Uint8Array, checkpoint: () => void = () => {}): Int32Array {
  const sa = new Int32Array(text.length);
  if (text.length > 0) sais(text, sa, text.length, 256, checkpoint);
  return sa;
}

type Text = Uint8Array | Int32Array;

const L = 0;
const S = 1;

function bucketEnds(text: Text, n: number, k: number, out: Int32Array): void {
  out.fill(0);
  for (let i = 0; i < n; i++) out[text[i] as number]! += 1;
  let sum = 0;
  for (let c = 0; c < k; c++) {
    sum += out[c]!;
    out[c] = sum;
  }
}

function bucketStarts(text: Text, n: number, k: number, out: Int32Array): void {
  out.fill(0);
  for (let i = 0; i < n; i++) out[text[i] as number]! += 1;
  let sum = 0;
  for (let c = 0; c < k; c++) {
    const count = out[c]!;
    out[c] = sum;
    sum += count;
  }
}

/**
 * Fills `sa[0..n)` for `text[0..n)` over the alphabet `[0, k)`. `sa` may be a view into a larger array.
 * `checkpoint` is called between the linear passes (it may throw to abandon the work).
 */
function sais(text: Text, sa: Int32Array, n: number, k: number, checkpoint: () => void): void {
  if (n === 1) {
    sa[0] = 0;
    return;
  }
  // Suffix types. The last suffix is L: the virtual sentinel after it is smaller.
  const type = new Uint8Array(n);
  type[n - 1] = L;
  for (let i = n - 2; i >= 0; i--) {
    const a = text[i]!;
    const b = text[i + 1]!;
    type[i] = a < b || (a === b && type[i + 1] === S) ? S : L;
  }
  const isLms = (i: number): boolean => i > 0 && type[i] === S && type[i - 1] === L;
  const bucket = new Int32Array(k);

  // 1. Sort the LMS substrings: drop LMS positions at their bucket ends, then induce.
  sa.fill(-1, 0, n);
  bucketEnds(text, n, k, bucket);
  for (let i = 1; i < n; i++) {
    if (isLms(i)) sa[--bucket[text[i]!]!] = i;
  }
  induce(text, sa, n, k, type, bucket);
  checkpoint();

  // 2. Gather the sorted LMS positions at the front and name the distinct LMS substrings.
  let n1 = 0;
  for (let i = 0; i < n; i++) {
    const p = sa[i]!;
    if (isLms(p)) sa[n1++] = p;
  }
  sa.fill(-1, n1, n);
  let name = 0;
  let previous = -1;
  for (let i = 0; i < n1; i++) {
    const p = sa[i]!;
    if (previous < 0 || !sameLmsSubstring(text, type, n, p, previous)) name++;
    previous = p;
    sa[n1 + (p >> 1)] = name - 1;
  }
  // Compact the names, in text order, into the tail of `sa`: that is the reduced string.
  for (let i = n - 1, j = n - 1; i >= n1; i--) {
    const v = sa[i]!;
    if (v >= 0) sa[j--] = v;
  }

  // 3. Sort the LMS suffixes: recurse when names repeat, else the names are the ranks.
  const reduced = sa.subarray(n - n1, n);
  if (name < n1) {
    sais(reduced, sa.subarray(0, n1), n1, name, checkpoint);
  } else {
    for (let i = 0; i < n1; i++) sa[reduced[i]!] = i;
  }
  // Map ranks of the reduced string back to text positions (the reduced string is no longer needed).
  for (let i = 1, j = n - n1; i < n; i++) {
    if (isLms(i)) sa[j++] = i;
  }
  for (let i = 0; i < n1; i++) sa[i] = sa[n - n1 + sa[i]!]!;
  checkpoint();
  sa.fill(-1, n1, n);

  // 4. Place the sorted LMS suffixes at their bucket ends (last first) and induce the rest.
  bucketEnds(text, n, k, bucket);
  for (let i = n1 - 1; i >= 0; i--) {
    const p = sa[i]!;
    sa[i] = -1;
    sa[--bucket[text[p]!]!] = p;
  }
  induce(text, sa, n, k, type, bucket);
}

/** Induces L-type suffixes left to right, then S-type suffixes right to left, from the LMS seeds in `sa`. */
function induce(text: Text, sa: Int32Array, n: number, k: number, type: Uint8Array, bucket: Int32Array): void {
  bucketStarts(text, n, k, bucket);
  // The suffix just before the virtual sentinel is the smallest of its bucket, and L-type.
  sa[bucket[text[n - 1]!]!++] = n - 1;
  for (let i = 0; i < n; i++) {
    const j = sa[i]! - 1;
    if (j >= 0 && type[j] === L) sa[bucket[text[j]!]!++] = j;
  }
  bucketEnds(text, n, k, bucket);
  for (let i = n - 1; i >= 0; i--) {
    const j = sa[i]! - 1;
    if (j >= 0 && type[j] === S) sa[--bucket[text[j]!]!] = j;
  }
}

function sameLmsSubstring(text: Text, type: Uint8Array, n: number, p: number, q: number): boolean {
  for (let d = 0; ; d++) {
    // Only the last LMS substring reaches the sentinel, so it equals no other.
    if (p + d >= n || q + d >= n) return false;
    if (text[p + d] !== text[q + d] || type[p + d] !== type[q + d]) return false;
    if (d > 0 && type[p + d] === S && type[p + d - 1] === L) return true; // both end at an LMS position
  }
}
