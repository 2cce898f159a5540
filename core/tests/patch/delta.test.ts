import { readFile } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { applyPatch, createPatch } from "@hotpatch/core/patch";
import { suffixArray } from "../../src/patch/suffix-array.js";

function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => (s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32;
}

function isSuffixArray(text: Uint8Array, sa: Int32Array): boolean {
  if (new Set(sa).size !== text.length) return false;
  for (let i = 1; i < sa.length; i++) {
    const a = sa[i - 1]!;
    const b = sa[i]!;
    let k = 0;
    while (a + k < text.length && b + k < text.length && text[a + k] === text[b + k]) k++;
    const smaller = a + k === text.length || (b + k < text.length && text[a + k]! < text[b + k]!);
    if (!smaller) return false;
  }
  return true;
}

describe("suffix array (SA-IS)", () => {
  it("sorts the suffixes of random texts over small and full alphabets, and of degenerate ones", () => {
    const random = lcg(42);
    for (let trial = 0; trial < 400; trial++) {
      const n = 1 + Math.floor(random() * 400);
      const alphabet = [1, 2, 3, 4, 256][trial % 5]!;
      const text = Uint8Array.from({ length: n }, () => Math.floor(random() * alphabet) + (alphabet === 256 ? 0 : 200));
      expect(isSuffixArray(text, suffixArray(text)), `trial ${trial}`).toBe(true);
    }
    for (const text of [new Uint8Array(1000), Uint8Array.from({ length: 999 }, (_, i) => i % 3), new TextEncoder().encode("mississippi")]) {
      expect(isSuffixArray(text, suffixArray(text))).toBe(true);
    }
    expect(suffixArray(new Uint8Array(0)).length).toBe(0);
  });
});

describe("create + apply on edge cases", () => {
  const random = lcg(7);
  const bytes = (n: number) => Uint8Array.from({ length: n }, () => Math.floor(random() * 256));
  const roundTrip = async (oldBytes: Uint8Array, newBytes: Uint8Array) => {
    const { bytes: patch } = await createPatch(oldBytes, newBytes);
    expect(Buffer.compare(Buffer.from(applyPatch(oldBytes, patch)), Buffer.from(newBytes))).toBe(0);
    return patch.length;
  };

  it("handles empty and identical inputs", async () => {
    await roundTrip(new Uint8Array(0), new Uint8Array(0));
    await roundTrip(new Uint8Array(0), bytes(100));
    await roundTrip(bytes(100), new Uint8Array(0));
    const same = bytes(5000);
    expect(await roundTrip(same, same)).toBeLessThan(200);
  });

  it("handles insertions, deletions, substitutions and moves in random data", async () => {
    for (let trial = 0; trial < 30; trial++) {
      const base = bytes(1 + Math.floor(random() * 20_000));
      const edited = [...base];
      for (let e = 0; e < 1 + Math.floor(random() * 20); e++) {
        const at = Math.floor(random() * edited.length);
        const kind = Math.floor(random() * 4);
        if (kind === 0) edited.splice(at, 0, ...bytes(Math.floor(random() * 50)));
        else if (kind === 1) edited.splice(at, Math.floor(random() * 50));
        else if (kind === 2) edited[at] = Math.floor(random() * 256);
        else edited.push(...edited.splice(at, Math.floor(random() * 500)));
      }
      await roundTrip(base, Uint8Array.from(edited));
    }
  });

  it("handles repetitive data (the slow case of suffix sorting and of bsdiff)", async () => {
    const runs = new Uint8Array(200_000).map((_, i) => (i % 1000 < 990 ? 0 : i & 0xff));
    const shifted = new Uint8Array(200_003);
    shifted.set(runs, 3);
    await roundTrip(runs, shifted);
    await roundTrip(new Uint8Array(100_000), new Uint8Array(100_000).fill(1));
  });
});

describe("the applier stays importable by a React Native client", () => {
  it("reaches no Node built-in and only pure-JS packages through its imports", async () => {
    const srcRoot = resolve(dirname(fileURLToPath(import.meta.url)), "../../src");
    const seen = new Set<string>();
    const packages = new Set<string>();
    const visit = async (file: string): Promise<void> => {
      if (seen.has(file)) return;
      seen.add(file);
      const text = await readFile(file, "utf8");
      for (const match of text.matchAll(/^\s*(?:import|export)\b[^;'"]*?\bfrom\s*["']([^"']+)["']/gm)) {
        const spec = match[1]!;
        if (spec.startsWith(".")) await visit(join(dirname(file), spec.replace(/\.js$/, ".ts")));
        else packages.add(spec);
      }
    };
    await visit(join(srcRoot, "patch/apply-patch.ts"));
    expect(seen.size).toBeGreaterThan(3);
    expect([...packages].sort()).toEqual(["@noble/hashes/sha2.js", "brotli/decompress.js"]);
    expect(globalThis.WebAssembly).toBeDefined(); // Node has it; the applier must not need it (Hermes lacks it)
    for (const file of seen) expect(await readFile(file, "utf8")).not.toMatch(/WebAssembly|process\.|Buffer\./);
  });
});
