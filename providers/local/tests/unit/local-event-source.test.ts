import { describe, expect, it } from "vitest";
import type { CoreEvent } from "@hotpatch/core";
import { LocalEventSource, MemoryLogger, MemoryObjectStore, wrapStoreWithEvents } from "@hotpatch/provider-local";

const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);
const newStore = (): MemoryObjectStore => new MemoryObjectStore({ publicBaseUrl: "http://127.0.0.1:3000" });

describe("LocalEventSource", () => {
  it("delivers after the write has returned, never inside it", async () => {
    const source = new LocalEventSource();
    const store = wrapStoreWithEvents(newStore(), source);
    const order: string[] = [];
    source.subscribe(async (event) => {
      order.push(`handled ${event.key}`);
    });
    await store.put("src/a/b/c.zip", utf8("x"));
    order.push("put returned");
    await source.idle();
    expect(order).toEqual(["put returned", "handled src/a/b/c.zip"]);
  });

  it("reports handler failures to onHandlerError with the event", async () => {
    const reported: Array<{ error: unknown; event: CoreEvent }> = [];
    const source = new LocalEventSource({ onHandlerError: (error, event) => reported.push({ error, event }) });
    const store = wrapStoreWithEvents(newStore(), source);
    source.subscribe(async () => {
      throw new Error("upload failed");
    });
    const info = await store.put("src/a/b/c.zip", utf8("x"));
    await source.idle();
    expect(reported).toHaveLength(1);
    expect((reported[0]!.error as Error).message).toBe("upload failed");
    expect(reported[0]!.event).toEqual({ type: "ObjectCreated", key: "src/a/b/c.zip", size: 1, etag: info.etag });
  });

  it("logs handler failures to the logger when no reporter is given, and survives a failing reporter", async () => {
    const logger = new MemoryLogger();
    const logged = new LocalEventSource({ logger });
    logged.subscribe(async () => {
      throw new Error("boom");
    });
    logged.emit({ type: "ObjectCreated", key: "src/x", size: 0, etag: '"e"' });
    await logged.idle();
    expect(logger.entries).toMatchObject([{ level: "error", msg: "event handler failed", key: "src/x", error: { message: "boom" } }]);

    const fragile = new LocalEventSource({
      onHandlerError: () => {
        throw new Error("reporter broke too");
      },
    });
    fragile.subscribe(async () => {
      throw new Error("boom");
    });
    fragile.emit({ type: "ObjectCreated", key: "src/x", size: 0, etag: '"e"' });
    await expect(fragile.idle()).resolves.toBeUndefined();
  });

  it("idle() waits for events raised by handlers", async () => {
    const source = new LocalEventSource();
    const store = wrapStoreWithEvents(newStore(), source);
    const seen: string[] = [];
    source.subscribe(async (event) => {
      seen.push(event.key);
      if (event.key === "src/a/first") await store.put("src/a/second", utf8("2"));
    });
    await store.put("src/a/first", utf8("1"));
    await source.idle();
    expect(seen).toEqual(["src/a/first", "src/a/second"]);
  });

  it("treats one handler subscribed twice as two subscriptions", async () => {
    const source = new LocalEventSource();
    let calls = 0;
    const handler = async (): Promise<void> => {
      calls++;
    };
    const first = source.subscribe(handler);
    source.subscribe(handler);
    first();
    source.emit({ type: "ObjectCreated", key: "src/x", size: 0, etag: '"e"' });
    await source.idle();
    expect(calls).toBe(1);
    expect(source.subscriberCount).toBe(1);
  });

  it("emits nothing for a failed write", async () => {
    const source = new LocalEventSource();
    const store = wrapStoreWithEvents(newStore(), source);
    const seen: CoreEvent[] = [];
    source.subscribe(async (event) => {
      seen.push(event);
    });
    await expect(store.put("src/../x", utf8("x"))).rejects.toMatchObject({ code: "invalid_request" });
    await source.idle();
    expect(seen).toEqual([]);
  });

  it("watches another prefix when told to", async () => {
    const source = new LocalEventSource();
    const store = wrapStoreWithEvents(newStore(), source, { prefix: "incoming/" });
    const seen: string[] = [];
    source.subscribe(async (event) => {
      seen.push(event.key);
    });
    await store.put("src/a", utf8("x"));
    await store.put("incoming/a", utf8("x"));
    await source.idle();
    expect(seen).toEqual(["incoming/a"]);
  });
});
