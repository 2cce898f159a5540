import type { CoreEvent } from "@hotpatch/core";
import { EventHandlingError, S3NotificationEventSource } from "@hotpatch/provider-aws";
import { describe, expect, it } from "vitest";
import mixed from "../fixtures/s3-notification-mixed.json" with { type: "json" };
import put from "../fixtures/s3-notification-put.json" with { type: "json" };

describe("S3NotificationEventSource", () => {
  it("delivers each decoded event to every subscriber and resolves to the count", async () => {
    const source = new S3NotificationEventSource();
    const first: CoreEvent[] = [];
    const second: CoreEvent[] = [];
    source.subscribe(async (event) => void first.push(event));
    source.subscribe(async (event) => void second.push(event));
    expect(await source.dispatch(put)).toBe(1);
    expect(await source.dispatch(mixed)).toBe(1);
    expect(first.map((event) => event.key)).toEqual(["src/shop/Staging/release candidate+1 (final).zip", "src/shop/Production/big.zip"]);
    expect(second).toEqual(first);
  });

  it("runs every subscriber even when some fail, then rejects so that Lambda retries", async () => {
    const source = new S3NotificationEventSource();
    const seen: string[] = [];
    source.subscribe(async () => {
      throw new Error("storage down");
    });
    source.subscribe((): Promise<void> => {
      throw new Error("thrown synchronously");
    });
    source.subscribe(async (event) => void seen.push(event.key));
    const error = await source.dispatch(put).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(EventHandlingError);
    expect((error as EventHandlingError).failures).toHaveLength(2);
    expect((error as EventHandlingError).cause).toBeInstanceOf(Error);
    expect(seen).toEqual(["src/shop/Staging/release candidate+1 (final).zip"]);
  });

  it("stops delivering to an unsubscribed handler", async () => {
    const source = new S3NotificationEventSource();
    const seen: CoreEvent[] = [];
    const unsubscribe = source.subscribe(async (event) => void seen.push(event));
    unsubscribe();
    expect(await source.dispatch(put)).toBe(1);
    expect(seen).toEqual([]);
  });
});
