import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createHotpatch, type ObjectStore } from "@hotpatch/core";
import { acceptanceContract, silentLogger, useCaseDriver } from "@hotpatch/core/testing";
import { FileSystemObjectStore, LocalEventSource, MemoryObjectStore, wrapStoreWithEvents } from "@hotpatch/provider-local";

/** The use cases in-process over a local store, with the in-process `src/` trigger wired as in `serve`. */
async function fixture(base: ObjectStore, cleanup?: () => Promise<void>) {
  const events = new LocalEventSource({ onHandlerError: (error) => { throw error; } });
  const store = wrapStoreWithEvents(base, events);
  const hotpatch = createHotpatch({ store, logger: silentLogger });
  events.subscribe(async (event) => {
    await hotpatch.ingest.handle(event);
  });
  return {
    driver: useCaseDriver(hotpatch, store, { drop: true }),
    store,
    settle: async () => {
      await events.idle();
      await hotpatch.diffs.idle();
    },
    ...(cleanup ? { cleanup } : {}),
  };
}

acceptanceContract("use cases over the memory store", () => fixture(new MemoryObjectStore({ publicBaseUrl: "http://127.0.0.1:9" })), { dropZone: true, expectDiffs: true });

acceptanceContract(
  "use cases over the filesystem store",
  async () => {
    const dir = await mkdtemp(join(tmpdir(), "hotpatch-acceptance-"));
    const store = await FileSystemObjectStore.open(dir, { publicBaseUrl: "http://127.0.0.1:9" });
    return fixture(store, () => rm(dir, { recursive: true, force: true }));
  },
  { dropZone: true, expectDiffs: true },
);
