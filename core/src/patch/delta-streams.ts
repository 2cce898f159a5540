import { PatchError } from "./patch-error.js";

/**
 * The raw (uncompressed) streams of algorithm 1 and their varint coding; shared by the creator and the
 * applier, free of Node built-ins. Varints are LEB128, at most 7 bytes (values below 2^49).
 */
const MAX_VARINT_BYTES = 7;

export class ByteWriter {
  private buffer: Uint8Array;
  length = 0;
  constructor(initialCapacity = 1024) {
    this.buffer = new Uint8Array(Math.max(16, initialCapacity));
  }
  private ensure(extra: number): void {
    if (this.length + extra <= this.buffer.length) return;
    let capacity = this.buffer.length * 2;
    while (capacity < this.length + extra) capacity *= 2;
    const next = new Uint8Array(capacity);
    next.set(this.buffer.subarray(0, this.length));
    this.buffer = next;
  }
  varint(value: number): void {
    this.ensure(MAX_VARINT_BYTES);
    let v = value;
    while (v >= 0x80) {
      this.buffer[this.length++] = (v % 0x80) | 0x80;
      v = Math.floor(v / 0x80);
    }
    this.buffer[this.length++] = v;
  }
  signed(value: number): void {
    this.varint(value < 0 ? -value * 2 - 1 : value * 2);
  }
  bytes(data: Uint8Array): void {
    this.ensure(data.length);
    this.buffer.set(data, this.length);
    this.length += data.length;
  }
  finish(): Uint8Array {
    return this.buffer.subarray(0, this.length);
  }
}

export class ByteReader {
  offset = 0;
  constructor(
    readonly data: Uint8Array,
    private readonly what: string,
  ) {}
  get done(): boolean {
    return this.offset >= this.data.length;
  }
  varint(): number {
    let value = 0;
    let scale = 1;
    for (let i = 0; i < MAX_VARINT_BYTES; i++) {
      if (this.offset >= this.data.length) throw new PatchError("corrupt", `the ${this.what} stream ends inside a number`);
      const byte = this.data[this.offset++]!;
      value += (byte & 0x7f) * scale;
      if (byte < 0x80) return value;
      scale *= 0x80;
    }
    throw new PatchError("corrupt", `the ${this.what} stream holds an oversized number`);
  }
  signed(): number {
    const v = this.varint();
    return v % 2 === 1 ? -(v + 1) / 2 : v / 2;
  }
}

/** Control triples as varints: add, copy (unsigned), seek (signed). */
export function encodeControl(control: readonly number[]): Uint8Array {
  const out = new ByteWriter(control.length * 2);
  for (let i = 0; i < control.length; i += 3) {
    out.varint(control[i]!);
    out.varint(control[i + 1]!);
    out.signed(control[i + 2]!);
  }
  return out.finish();
}

/** The diff bytes as (zero run, literal run, literal bytes) groups; diff bytes are mostly zero. */
export function encodeDiffRuns(diff: Uint8Array): Uint8Array {
  const out = new ByteWriter(1024);
  let i = 0;
  while (i < diff.length) {
    let zeros = i;
    while (zeros < diff.length && diff[zeros] === 0) zeros++;
    let literals = zeros;
    while (literals < diff.length && diff[literals] !== 0) literals++;
    out.varint(zeros - i);
    out.varint(literals - zeros);
    out.bytes(diff.subarray(zeros, literals));
    i = literals;
  }
  return out.finish();
}
