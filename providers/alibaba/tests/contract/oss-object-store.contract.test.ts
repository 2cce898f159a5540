import { objectStoreContract } from "@hotpatch/core/testing";
import { BUCKET, startEmulatedOss } from "../support/emulated-oss.js";

objectStoreContract("OssObjectStore (ali-oss, signature V4, presigned URLs) against the OSS emulator", async () => {
  const oss = await startEmulatedOss({ signatureVersion: "v4" });
  return { store: oss.store, cleanup: oss.close };
});

objectStoreContract("OssObjectStore (ali-oss, signature V1, public base URL) against the OSS emulator", async () => {
  const oss = await startEmulatedOss({ signatureVersion: "v1" }, { buckets: [{ name: BUCKET, publicRead: true }] });
  return { store: oss.store, cleanup: oss.close };
});
