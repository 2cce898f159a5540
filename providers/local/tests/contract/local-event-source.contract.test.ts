import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { eventSourceContract } from "@hotpatch/core/testing";
import { FileSystemObjectStore, LocalEventSource, MemoryObjectStore, wrapStoreWithEvents } from "@hotpatch/provider-local";

const quiet = { onHandlerError: () => undefined }; // the contract's throwing handlers are expected

eventSourceContract("LocalEventSource over MemoryObjectStore", async () => {
  const source = new LocalEventSource(quiet);
  const store = wrapStoreWithEvents(new MemoryObjectStore({ publicBaseUrl: "http://127.0.0.1:3000" }), source);
  return { source, store, settle: () => source.idle() };
});

eventSourceContract("LocalEventSource over FileSystemObjectStore", async () => {
  const rootDir = await mkdtemp(path.join(tmpdir(), "hotpatch-fs-events-"));
  const source = new LocalEventSource(quiet);
  const store = wrapStoreWithEvents(await FileSystemObjectStore.open(rootDir, { publicBaseUrl: "http://127.0.0.1:3000" }), source);
  return { source, store, settle: () => source.idle(), cleanup: () => rm(rootDir, { recursive: true, force: true }) };
});

// The suite's polling path (for sources that cannot say when they are idle) must work too.
eventSourceContract(
  "LocalEventSource without settle",
  async () => {
    const source = new LocalEventSource(quiet);
    const store = wrapStoreWithEvents(new MemoryObjectStore({ publicBaseUrl: "http://127.0.0.1:3000" }), source);
    return { source, store };
  },
  { quietPeriodMs: 50 },
);
