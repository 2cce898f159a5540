import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { objectStoreContract } from "@hotpatch/core/testing";
import { FileSystemObjectStore } from "@hotpatch/provider-local";

objectStoreContract("FileSystemObjectStore", async () => {
  const rootDir = await mkdtemp(path.join(tmpdir(), "hotpatch-fs-store-"));
  const store = await FileSystemObjectStore.open(rootDir, {
    publicBaseUrl: "http://127.0.0.1:3000",
    signingSecret: "contract-secret",
  });
  return { store, cleanup: () => rm(rootDir, { recursive: true, force: true }) };
});
