import { OssObjectStore, type OssObjectStoreOptions } from "@hotpatch/provider-alibaba";
import { DEFAULT_EMULATOR_ACCOUNT, startOssEmulator, type OssEmulator, type OssEmulatorOptions } from "@hotpatch/provider-alibaba/testing";

export const BUCKET = "hotpatch-test";

export interface EmulatedOss {
  emulator: OssEmulator;
  store: OssObjectStore;
  close(): Promise<void>;
}

/** An emulator on 127.0.0.1 and an OssObjectStore (through ali-oss) in path-style mode against it. */
export async function startEmulatedOss(
  storeOptions: Partial<OssObjectStoreOptions> = {},
  emulatorOptions: OssEmulatorOptions = {},
): Promise<EmulatedOss> {
  const emulator = await startOssEmulator({ buckets: [BUCKET], ...emulatorOptions });
  try {
    const store = await OssObjectStore.open({
      bucket: BUCKET,
      region: emulator.region,
      endpoint: emulator.url,
      pathStyle: true,
      credentials: DEFAULT_EMULATOR_ACCOUNT,
      ...storeOptions,
    });
    return { emulator, store, close: () => emulator.close() };
  } catch (error) {
    await emulator.close();
    throw error;
  }
}
