import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { isSelectedForRollout, rolloutBucket } from "@hotpatch/core";

/** Java's String.hashCode-style variant that wraps at every step: the bug codepush.md §1.5 warns of. */
function wrappingBucket(clientId: string, tag: string): number {
  const s = `${clientId}-${tag}`;
  let h = 0;
  for (let i = 0; i < s.length; i++) h = ((h << 5) - h + s.charCodeAt(i)) | 0;
  return Math.abs(h) % 100;
}

describe("rollout bucket (codepush.md §1.5)", () => {
  it("matches hand-computed values", () => {
    // s = "-" → h = 45; s = "a-v1" computed step by step in exact arithmetic.
    expect(rolloutBucket("", "")).toBe(45 % 100);
    let h = 0;
    for (const ch of "a-v1") h = h * 31 + ch.charCodeAt(0);
    expect(rolloutBucket("a", "v1")).toBe(Math.abs(h) % 100);
  });

  it("grows past 32 bits for UUID ids and differs from a per-step wrapping hash", () => {
    const ids = Array.from({ length: 400 }, () => randomUUID());
    const differing = ids.filter((id) => rolloutBucket(id, "v7") !== wrappingBucket(id, "v7")).length;
    expect(differing).toBeGreaterThan(200);
  });

  it("is deterministic per client id and tag", () => {
    const id = randomUUID();
    expect(rolloutBucket(id, "v3")).toBe(rolloutBucket(id, "v3"));
  });

  it("is monotone: raising the percentage never de-selects anyone", () => {
    const ids = Array.from({ length: 500 }, (_, i) => `device-${i}`);
    for (const id of ids) {
      let wasSelected = false;
      for (let rollout = 1; rollout <= 100; rollout++) {
        const selected = isSelectedForRollout(id, rollout, "v9");
        if (wasSelected) expect(selected).toBe(true);
        wasSelected = selected;
      }
      expect(wasSelected).toBe(true);
    }
  });

  it("a new release re-samples (different tag, different buckets)", () => {
    const ids = Array.from({ length: 200 }, (_, i) => `device-${i}`);
    const same = ids.filter((id) => rolloutBucket(id, "v1") === rolloutBucket(id, "v2")).length;
    expect(same).toBeLessThan(50);
  });
});
