import { readdir, readFile } from "node:fs/promises";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

/**
 * Arrows point inward (STYLE.md habit 1): core imports no cloud SDK, no DI library, no HTTP layer and
 * reads no environment; providers never import adapters. Checked over the source text of every file.
 */
const root = join(dirname(fileURLToPath(import.meta.url)), "../../..");

async function sourceFiles(dir: string): Promise<string[]> {
  const entries = await readdir(join(root, dir), { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile() && e.name.endsWith(".ts")).map((e) => relative(root, join(e.parentPath, e.name)));
}

function importsOf(text: string): string[] {
  // Static imports and re-exports (possibly spanning lines), and dynamic import("…").
  const statics = [...text.matchAll(/^\s*(?:import|export)\b[^;'"]*?\bfrom\s*["']([^"']+)["']/gm)].map((m) => m[1] as string);
  const bare = [...text.matchAll(/^\s*import\s*["']([^"']+)["']/gm)].map((m) => m[1] as string);
  const dynamics = [...text.matchAll(/\bimport\(\s*["']([^"']+)["']\s*\)/g)].map((m) => m[1] as string);
  return [...statics, ...bare, ...dynamics];
}

describe("dependency rules", () => {
  it("core (outside its testing entry) imports only node built-ins it needs, semver, the zip libraries and the patch codecs", async () => {
    const allowed = new Set([
      "node:crypto",
      "semver",
      "yauzl",
      "yazl",
      "node:zlib", // binary patches: Brotli for the patch streams, server side only (patch/create-patch.ts)
      "@noble/hashes/sha2.js", // binary patches: pure-JS SHA-256 for the applier, which a React Native client imports
      "brotli/decompress.js", // binary patches: pure-JS Brotli decoder for the applier (Hermes has no WebAssembly)
    ]);
    let checked = 0;
    for (const file of await sourceFiles("core/src")) {
      if (file.startsWith("core/src/testing/")) continue;
      const text = await readFile(join(root, file), "utf8");
      for (const spec of importsOf(text)) {
        checked++;
        if (spec.startsWith(".")) continue;
        expect(allowed.has(spec), `${file} imports ${spec}`).toBe(true);
      }
      expect(text.includes("process.env"), `${file} reads process.env`).toBe(false);
    }
    // The scanner must actually see imports, or this test could never fail.
    expect(checked).toBeGreaterThan(50);
  });

  it("core's testing entry adds only vitest", async () => {
    const allowed = new Set(["node:crypto", "vitest", "yauzl", "yazl"]);
    for (const file of await sourceFiles("core/src/testing")) {
      for (const spec of importsOf(await readFile(join(root, file), "utf8"))) {
        if (!spec.startsWith(".")) expect(allowed.has(spec), `${file} imports ${spec}`).toBe(true);
      }
    }
  });

  it("providers never import adapters, and adapters/http never picks a provider", async () => {
    for (const file of await sourceFiles("providers")) {
      if (file.includes("/tests/")) continue;
      for (const spec of importsOf(await readFile(join(root, file), "utf8"))) {
        expect(spec.startsWith("@hotpatch/http") || spec.startsWith("@hotpatch/cli"), `${file} imports ${spec}`).toBe(false);
      }
    }
    for (const file of await sourceFiles("adapters/http/src")) {
      for (const spec of importsOf(await readFile(join(root, file), "utf8"))) {
        expect(spec.startsWith("@hotpatch/provider-"), `${file} imports ${spec}`).toBe(false);
      }
    }
  });
});
