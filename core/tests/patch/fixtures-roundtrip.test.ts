import { createHash } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { applyPatch, createPatch, readPatchHeader, type CreatedPatch } from "@hotpatch/core/patch";
import { BUNDLE_FILES, PAIRS, bundle } from "./fixtures.js";

const sha = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");

// Every fixture pair, for Metro JS (Android, iOS) and Hermes bytecode; each patch is made once.
describe.each(PAIRS)("binary patch %s -> %s", (from, to) => {
  const patches = new Map<string, CreatedPatch>();
  beforeAll(async () => {
    for (const file of BUNDLE_FILES) patches.set(file, await createPatch(bundle(from, file), bundle(to, file)));
  }, 120_000);

  it.each(BUNDLE_FILES)("%s: the JS applier rebuilds the new bundle byte for byte", (file) => {
    const created = patches.get(file)!;
    const rebuilt = applyPatch(bundle(from, file), created.bytes);
    expect(rebuilt.length).toBe(bundle(to, file).length);
    expect(Buffer.compare(Buffer.from(rebuilt), Buffer.from(bundle(to, file)))).toBe(0);
  });

  it.each(BUNDLE_FILES)("%s: the header describes the pair", (file) => {
    const header = readPatchHeader(patches.get(file)!.bytes);
    expect(header).toMatchObject({
      version: 1,
      algorithm: "bsdiff-brotli",
      oldSha256: sha(bundle(from, file)),
      newSha256: sha(bundle(to, file)),
      oldLength: bundle(from, file).length,
      newLength: bundle(to, file).length,
    });
  });

  if (from === "v1" && to === "v2") {
    it("meets the issue's targets on the one-line change", () => {
      expect(patches.get("android/index.android.bundle")!.bytes.length).toBeLessThanOrEqual(1024);
      expect(patches.get("ios/main.jsbundle")!.bytes.length).toBeLessThanOrEqual(1024);
      const hbc = patches.get("android/index.android.bundle.hbc")!;
      expect(hbc.bytes.length).toBeLessThanOrEqual(0.03 * bundle("v2", "android/index.android.bundle.hbc").length);
    });
  }

  it("every patch is small enough to be offered against the bare bundle", () => {
    for (const file of BUNDLE_FILES) expect(patches.get(file)!.offered).toBe(true);
  });
});
