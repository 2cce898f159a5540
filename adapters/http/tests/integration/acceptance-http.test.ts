import { acceptanceContract } from "@hotpatch/core/testing";
import { httpDriver } from "@hotpatch/http/testing";
import { startTestServer } from "./server-fixture.js";

acceptanceContract("HTTP app on 127.0.0.1 over the memory store", async () => {
  const server = await startTestServer();
  return {
    driver: httpDriver(server.url, server.accessKey),
    store: server.store,
    settle: server.settle,
    cleanup: server.close,
  };
}, { expectDiffs: true });
