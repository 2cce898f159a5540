import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { CoreEvent, EventHandler, EventSource, ObjectStore } from "../ports/index.js";

export interface EventSourceFixture {
  source: EventSource;
  /** A store whose writes feed `source` (objects created under `src/` raise ObjectCreated). */
  store: ObjectStore;
  /**
   * Resolves once every event caused by the writes so far has been delivered and handled. Without it
   * the suite polls for the events it expects and then waits `quietPeriodMs` for unexpected ones.
   */
  settle?: () => Promise<void>;
  cleanup?: () => Promise<void>;
}

export type EventSourceFactory = () => Promise<EventSourceFixture>;

export interface EventSourceContractOptions {
  /** How long to wait for an expected event (default 5000 ms). */
  timeoutMs?: number;
  /** Without `settle`: how long to keep listening for events that must not come (default 250 ms). */
  quietPeriodMs?: number;
}

const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);

/** Collects what one subscriber receives. */
class Recorder {
  readonly events: CoreEvent[] = [];
  readonly handler: EventHandler = async (event) => {
    this.events.push(event);
  };
  keys(): string[] {
    return this.events.map((event) => event.key).sort();
  }
}

/**
 * The definition of the EventSource port: writes to the fixture's store under `src/` become exactly one
 * `ObjectCreated {key, size, etag}` per created object, delivered to every current subscriber.
 */
export function eventSourceContract(
  name: string,
  factory: EventSourceFactory,
  options: EventSourceContractOptions = {},
): void {
  const timeoutMs = options.timeoutMs ?? 5000;
  const quietPeriodMs = options.quietPeriodMs ?? 250;

  describe(`EventSource contract: ${name}`, () => {
    let fixture: EventSourceFixture;
    let source: EventSource;
    let store: ObjectStore;

    beforeEach(async () => {
      fixture = await factory();
      source = fixture.source;
      store = fixture.store;
    });

    afterEach(async () => {
      await fixture.cleanup?.();
    });

    /** Waits until every recorder holds `count` events, then makes sure no more arrive. */
    async function expectDelivered(count: number, ...recorders: Recorder[]): Promise<void> {
      if (fixture.settle) {
        await fixture.settle();
      } else {
        await vi.waitFor(
          () => {
            for (const recorder of recorders) expect(recorder.events.length).toBeGreaterThanOrEqual(count);
          },
          { timeout: timeoutMs, interval: 10 },
        );
        await new Promise((resolve) => setTimeout(resolve, quietPeriodMs));
      }
      for (const recorder of recorders) expect(recorder.events).toHaveLength(count);
    }

    it("a put under src/ yields exactly one ObjectCreated matching head(key)", async () => {
      const recorder = new Recorder();
      source.subscribe(recorder.handler);
      await store.put("src/demo/Staging/bundle.zip", utf8("bundle bytes"), { contentType: "application/zip" });
      await expectDelivered(1, recorder);
      const head = await store.head("src/demo/Staging/bundle.zip");
      expect(recorder.events[0]).toEqual({ type: "ObjectCreated", key: head!.key, size: head!.size, etag: head!.etag });
    });

    it("a putIfAbsent under src/ yields one event; a losing putIfAbsent yields none", async () => {
      const recorder = new Recorder();
      source.subscribe(recorder.handler);
      const created = await store.putIfAbsent("src/demo/Production/a.zip", utf8("first"));
      expect(created).not.toBeNull();
      expect(await store.putIfAbsent("src/demo/Production/a.zip", utf8("second"))).toBeNull();
      await expectDelivered(1, recorder);
      const head = await store.head("src/demo/Production/a.zip");
      expect(recorder.events[0]).toEqual({ type: "ObjectCreated", key: head!.key, size: head!.size, etag: head!.etag });
    });

    it("an overwrite under src/ yields a second event with the new etag", async () => {
      const recorder = new Recorder();
      source.subscribe(recorder.handler);
      await store.put("src/demo/Staging/b.zip", utf8("one"));
      await expectDelivered(1, recorder);
      const second = await store.put("src/demo/Staging/b.zip", utf8("two!"));
      await expectDelivered(2, recorder);
      expect(recorder.events[1]).toMatchObject({ key: "src/demo/Staging/b.zip", size: 4, etag: second.etag });
    });

    it("writes outside src/ and deletes yield nothing", async () => {
      const recorder = new Recorder();
      source.subscribe(recorder.handler);
      await store.put("packages/abc", utf8("x"));
      await store.putIfAbsent("apps/demo/src/history.json", utf8("[]"));
      await store.put("srcx/demo/file", utf8("x"));
      await store.put("src", utf8("no trailing slash"));
      await store.put("src/demo/Staging/c.zip", utf8("x"));
      await expectDelivered(1, recorder);
      await store.delete("src/demo/Staging/c.zip");
      await expectDelivered(1, recorder);
      expect(recorder.events[0]!.key).toBe("src/demo/Staging/c.zip");
    });

    it("delivers each event once to every subscriber", async () => {
      const first = new Recorder();
      const second = new Recorder();
      source.subscribe(first.handler);
      source.subscribe(second.handler);
      await store.put("src/demo/Staging/d.zip", utf8("x"));
      await expectDelivered(1, first, second);
      expect(first.events).toEqual(second.events);
    });

    it("unsubscribe stops delivery to that subscriber only", async () => {
      const kept = new Recorder();
      const dropped = new Recorder();
      source.subscribe(kept.handler);
      const unsubscribe = source.subscribe(dropped.handler);
      await store.put("src/demo/Staging/e1.zip", utf8("x"));
      await expectDelivered(1, kept, dropped);
      unsubscribe();
      unsubscribe(); // idempotent
      await store.put("src/demo/Staging/e2.zip", utf8("x"));
      await expectDelivered(2, kept);
      expect(dropped.events).toHaveLength(1);
      expect(kept.keys()).toEqual(["src/demo/Staging/e1.zip", "src/demo/Staging/e2.zip"]);
    });

    it("a throwing handler breaks neither the store nor other subscribers", async () => {
      const healthy = new Recorder();
      source.subscribe(async () => {
        throw new Error("handler failed (expected by the test)");
      });
      source.subscribe((): Promise<void> => {
        throw new Error("handler threw synchronously (expected by the test)");
      });
      source.subscribe(healthy.handler);
      const info = await store.put("src/demo/Staging/f.zip", utf8("payload"));
      expect(info.size).toBe(7);
      await expectDelivered(1, healthy);
      await store.put("src/demo/Staging/g.zip", utf8("again"));
      await expectDelivered(2, healthy);
      expect(Buffer.from((await store.get("src/demo/Staging/f.zip"))!.body).toString("utf8")).toBe("payload");
    });

    it("delivers an event for every one of 20 concurrent puts", async () => {
      const recorder = new Recorder();
      source.subscribe(recorder.handler);
      const keys = Array.from({ length: 20 }, (_, i) => `src/demo/Staging/concurrent-${String(i).padStart(2, "0")}.zip`);
      const infos = await Promise.all(keys.map((key, i) => store.put(key, utf8(`body ${i}`))));
      await expectDelivered(20, recorder);
      expect(recorder.keys()).toEqual(keys);
      for (const info of infos) {
        const event = recorder.events.find((candidate) => candidate.key === info.key);
        expect(event).toEqual({ type: "ObjectCreated", key: info.key, size: info.size, etag: info.etag });
      }
    });
  });
}
