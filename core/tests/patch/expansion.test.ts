import { brotliCompressSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { applyPatch, createPatch, readPatchHeader } from "@hotpatch/core/patch";
import { CHECKSUM_LENGTH, HEADER_LENGTH, writeHeader } from "../../src/patch/patch-format.js";
import { sha256 } from "@noble/hashes/sha2.js";

/**
 * A patch is attacker-controlled input on a device (CDN, bucket, or a plain-HTTP man in the middle can
 * replace it, and its checksum is its own): it must never make the applier allocate far beyond its size.
 */
describe("applyPatch refuses patches that would expand out of proportion", () => {
  it("refuses a tiny patch announcing a huge stream before decompressing it", async () => {
    const old = new TextEncoder().encode("old bundle contents ".repeat(100));
    const genuine = await createPatch(old, new TextEncoder().encode("new bundle contents ".repeat(100)));
    const header = readPatchHeader(genuine.bytes);
    const newLength = 60 * 1024 * 1024;
    const bomb = brotliCompressSync(new Uint8Array(1 << 20)); // 1 MiB of zeros compresses to a few bytes
    const forged = { ...header, newLength, streams: [{ raw: 20 * newLength, stored: bomb.length }, { raw: 0, stored: 0 }, { raw: 0, stored: 0 }] };
    const body = new Uint8Array(HEADER_LENGTH + bomb.length + CHECKSUM_LENGTH);
    writeHeader(forged as typeof header, body);
    body.set(bomb, HEADER_LENGTH);
    body.set(sha256(body.subarray(0, HEADER_LENGTH + bomb.length)), HEADER_LENGTH + bomb.length);
    const before = process.memoryUsage().rss;
    expect(() => applyPatch(old, body)).toThrow(/expand beyond any real patch/);
    expect(process.memoryUsage().rss - before).toBeLessThan(200 * 1024 * 1024);
  });
});
