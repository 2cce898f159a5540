import { loadConfig, startServer, type Environment } from "@hotpatch/container";
import { acceptanceContract, dropMetadata, type AcceptanceDriver } from "@hotpatch/core/testing";
import { httpDriver } from "@hotpatch/http/testing";
import { startOssEmulator } from "@hotpatch/provider-alibaba/testing";
import { S3RVER_CREDENTIALS, S3RVER_REGION, startS3TestServer, type S3TestServer } from "@hotpatch/provider-aws/testing";
import { afterAll } from "vitest";

/*
 * The same Node server, built once, moved between the three providers by configuration alone: each
 * run of core's acceptance suite differs from the others only in the environment variables below
 * (for the clouds, the OSS emulator and the S3 test server on 127.0.0.1). Devices download from
 * wherever the provider's URLs point: the server's /storage/, the emulator, the S3 test server.
 */

const ACCESS_KEY = "provider_swap_key_0001";
const COMMON: Environment = { HOTPATCH_PORT: "0", HOTPATCH_ACCESS_KEY: ACCESS_KEY, HOTPATCH_LOG_LEVEL: "error" };

let s3: S3TestServer | undefined;
afterAll(async () => {
  await s3?.close();
});

const PROVIDERS: Record<string, () => Promise<{ env: Environment; close?: () => Promise<void> }>> = {
  local: async () => ({ env: { HOTPATCH_PROVIDER: "local", HOTPATCH_DATA_DIR: ":memory:" } }),
  alibaba: async () => {
    const account = { accessKeyId: "SWAPTESTKEY", accessKeySecret: "swap-test-secret" };
    const emulator = await startOssEmulator({ buckets: ["hotpatch-swap"], accounts: [account] });
    return {
      env: {
        HOTPATCH_PROVIDER: "alibaba",
        HOTPATCH_BUCKET: "hotpatch-swap",
        HOTPATCH_REGION: emulator.region,
        HOTPATCH_ENDPOINT: emulator.url,
        HOTPATCH_PATH_STYLE: "true",
        HOTPATCH_CLOUD_ACCESS_KEY_ID: account.accessKeyId,
        HOTPATCH_CLOUD_ACCESS_KEY_SECRET: account.accessKeySecret,
      },
      close: () => emulator.close(),
    };
  },
  aws: async () => {
    s3 ??= await startS3TestServer();
    return {
      env: {
        HOTPATCH_PROVIDER: "aws",
        HOTPATCH_BUCKET: await s3.createBucket(),
        HOTPATCH_REGION: S3RVER_REGION,
        HOTPATCH_ENDPOINT: s3.endpoint,
        HOTPATCH_CLOUD_ACCESS_KEY_ID: S3RVER_CREDENTIALS.accessKeyId,
        HOTPATCH_CLOUD_ACCESS_KEY_SECRET: S3RVER_CREDENTIALS.secretAccessKey,
      },
    };
  },
};

for (const [provider, backing] of Object.entries(PROVIDERS)) {
  acceptanceContract(
    `the Node server on provider ${provider}, chosen by configuration alone`,
    async () => {
      const { env, close } = await backing();
      const server = await startServer(loadConfig({ env: { ...COMMON, ...env }, file: false }));
      const { store } = server.app;
      const driver: AcceptanceDriver = {
        ...httpDriver(server.url, ACCESS_KEY),
        // Objects put under src/ through the server's store are ingested in-process, on every provider.
        async drop(app, deployment, request, options = {}) {
          const key = `src/${app}/${deployment}/${request.fileName}`;
          const times = options.deliverTwice ? 2 : 1;
          for (let i = 0; i < times; i++) await store.put(key, request.bytes, { contentType: "application/zip", metadata: dropMetadata(request) });
        },
      };
      return {
        driver,
        store,
        settle: server.settle,
        cleanup: async () => {
          await server.close();
          await close?.();
        },
      };
    },
    { dropZone: true, expectDiffs: true },
  );
}
