import { describe, expect, it } from "vitest";
import { EventLog, type ListOptions, type ObjectInfo, type ObjectStore, type Reducer } from "@hotpatch/core";
import { MemoryObjectStore } from "@hotpatch/provider-local";

const counter: Reducer<number, number> = { initial: () => 0, apply: (state, event) => state + event };

/** The reader's view of a shared store: its next `list` answers from now but resolves only when released. */
function slowListing(store: MemoryObjectStore) {
  let hold: Promise<void> | undefined;
  let release: () => void = () => undefined;
  const view: ObjectStore = {
    get: (key) => store.get(key),
    openRead: (key) => store.openRead(key),
    head: (key) => store.head(key),
    put: (key, body, options) => store.put(key, body, options),
    putIfAbsent: (key, body, options) => store.putIfAbsent(key, body, options),
    delete: (key) => store.delete(key),
    downloadUrl: (key, options) => store.downloadUrl(key, options),
    list: (prefix, options) => slowList(prefix, options),
  };
  const slowList = async (prefix: string, options?: ListOptions): Promise<ObjectInfo[]> => {
    const answer = await store.list(prefix, options);
    const pending = hold;
    hold = undefined;
    if (pending) await pending;
    return answer;
  };
  return {
    view,
    holdNextList: () => {
      hold = new Promise((resolve) => (release = resolve));
      return () => release();
    },
  };
}

describe("EventLog reads", () => {
  it("a fresh read after a write elsewhere sees it, even while an older catch-up is in flight", async () => {
    const store = new MemoryObjectStore({ publicBaseUrl: "http://127.0.0.1:9" });
    const slow = slowListing(store);
    const reader = new EventLog(slow.view, "log-test/", counter); // one instance…
    const writer = new EventLog(store, "log-test/", counter); // …and another, sharing the bucket
    await writer.append(() => 1);

    const releaseList = slow.holdNextList();
    const stale = reader.read(); // lists now: sees only the first record
    await writer.append(() => 10); // committed after that listing
    const fresh = reader.read(); // called after the commit: must include it
    releaseList();

    expect((await stale).state).toBe(1);
    expect((await fresh).state).toBe(11);
  });

  it("cached reads may share a catch-up in flight", async () => {
    const store = new MemoryObjectStore({ publicBaseUrl: "http://127.0.0.1:9" });
    const log = new EventLog(store, "log-test/", counter);
    await log.append(() => 2);
    const [a, b] = await Promise.all([log.read(60_000), log.read(60_000)]);
    expect(a.state).toBe(2);
    expect(b).toBe(a);
  });
});
