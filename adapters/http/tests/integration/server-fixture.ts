import { createHotpatch, type Hotpatch, type HotpatchOptions } from "@hotpatch/core";
import { silentLogger } from "@hotpatch/core/testing";
import { LocalEventSource, MemoryObjectStore, wrapStoreWithEvents } from "@hotpatch/provider-local";
import { createHttpApp, listen, type Fetchable } from "@hotpatch/http";

export interface TestServer {
  url: string;
  accessKey: string;
  hotpatch: Hotpatch;
  store: MemoryObjectStore;
  settle(): Promise<void>;
  close(): Promise<void>;
}

/** The HTTP app on 127.0.0.1 (random port) over a memory store, with one access key. */
export async function startTestServer(options: HotpatchOptions = {}): Promise<TestServer> {
  let app: Fetchable | undefined;
  const server = await listen({ fetch: (r) => (app as Fetchable).fetch(r) }, { port: 0 });
  const store = new MemoryObjectStore({ publicBaseUrl: server.url });
  const events = new LocalEventSource();
  const emitting = wrapStoreWithEvents(store, events);
  const hotpatch = createHotpatch({ store: emitting, logger: silentLogger }, options);
  events.subscribe(async (event) => {
    await hotpatch.ingest.handle(event);
  });
  app = createHttpApp({ hotpatch, store: emitting, logger: silentLogger, serveStorage: true });
  const { secret } = await hotpatch.accessKeys.create({ friendlyName: "test" });
  return {
    url: server.url,
    accessKey: secret,
    hotpatch,
    store,
    settle: async () => {
      await events.idle();
      await hotpatch.diffs.idle();
    },
    close: () => server.close(),
  };
}
