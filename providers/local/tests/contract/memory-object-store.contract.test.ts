import { objectStoreContract } from "@hotpatch/core/testing";
import { MemoryObjectStore } from "@hotpatch/provider-local";

objectStoreContract("MemoryObjectStore", async () => ({
  store: new MemoryObjectStore({ publicBaseUrl: "http://127.0.0.1:3000" }),
}));

objectStoreContract("MemoryObjectStore with signed URLs", async () => ({
  store: new MemoryObjectStore({ publicBaseUrl: "https://ota.test/base/", signingSecret: "contract-secret" }),
}));
