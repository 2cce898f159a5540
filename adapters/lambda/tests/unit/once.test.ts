import { once } from "@hotpatch/lambda";
import { describe, expect, it } from "vitest";

describe("once (composition once per container)", () => {
  it("builds on first use and reuses the result, even for concurrent first calls", async () => {
    let built = 0;
    const get = once(async () => ({ id: ++built }));
    const [a, b] = await Promise.all([get(), get()]);
    expect(a).toBe(b);
    expect(await get()).toBe(a);
    expect(built).toBe(1);
  });

  it("does not cache a failure: the next invocation tries again", async () => {
    let attempts = 0;
    const get = once(async () => {
      attempts++;
      if (attempts === 1) throw new Error("S3 unreachable");
      return "ready";
    });
    await expect(get()).rejects.toThrow("S3 unreachable");
    expect(await get()).toBe("ready");
    expect(attempts).toBe(2);
  });
});
