import { ERROR_STATUS, createHotpatch, type ErrorCode } from "@hotpatch/core";
import { DriverError, dropMetadata, type AcceptanceDriver, type ReleaseRequest } from "@hotpatch/core/testing";
import { createFcHttpHandler, createFcOssTriggerHandler, type FcContext, type IngestResult } from "../index.js";
import { fakeFcContext, fcSend } from "./fc-events.js";
import { createHttpApp } from "@hotpatch/http";
import { httpDriver, type Send } from "@hotpatch/http/testing";
import { OssObjectStore, OssTriggerDecoder, RotatingCredentials, SlsLogger, type SlsLogEntry } from "@hotpatch/provider-alibaba";
import { startOssEmulator, type EmulatorAccount, type OssEmulator } from "@hotpatch/provider-alibaba/testing";

const BUCKET = "hotpatch-fc";
/** The function role's STS credentials, as FC passes them in every invocation's context. */
const ROLE: EmulatorAccount & { securityToken: string } = { accessKeyId: "STS.ROLEKEY", accessKeySecret: "role-secret", securityToken: "role-security-token" };
/** The uploader's (CI's) own AccessKey, which writes the drop zone. */
const UPLOADER: EmulatorAccount = { accessKeyId: "UPLOADERKEY", accessKeySecret: "uploader-secret" };

export interface FcOverOss {
  driver: AcceptanceDriver;
  /** The bucket through ali-oss, as the acceptance suite inspects it. */
  store: OssObjectStore;
  emulator: OssEmulator;
  logs: SlsLogEntry[];
  /** Raw requests through the API Gateway events, for tests that compare responses byte for byte. */
  send: Send;
  baseUrl: string;
  accessKey: string;
  close(): Promise<void>;
}

/**
 * hotpatch deployed as on Alibaba Cloud, in-process: two FC instances of the HTTP function and two of
 * the OSS-trigger function (requests alternate between them, as FC spreads load), each composed once
 * over OssObjectStore → ali-oss → the OSS emulator with STS credentials taken from the invocation
 * context. Devices and management speak API Gateway events; releases enter as OSS-trigger events for
 * objects an uploader puts under `src/`; devices download straight from OSS with presigned URLs.
 */
export async function startFcOverOss(options: { diffs?: boolean } = {}): Promise<FcOverOss> {
  const deliveries = new Map<string, Buffer>();
  const emulator = await startOssEmulator({
    buckets: [BUCKET],
    accounts: [ROLE, UPLOADER],
    triggers: [
      {
        prefix: "src/",
        deliver: (payload) => {
          const encoded = (JSON.parse(payload.toString("utf8")) as { events: Array<{ oss: { object: { key: string } } }> }).events[0]!.oss.object.key;
          deliveries.set(decodeURIComponent(encoded), payload);
        },
      },
    ],
  });
  const logs: SlsLogEntry[] = [];
  const logger = new SlsLogger({ sink: { write: (entry) => logs.push(entry) } });
  const context = (): FcContext => fakeFcContext({ credentials: { ...ROLE } });

  // Composition per FC instance: what the example's entry files do with configuration from the environment.
  const instance = async (credentials: RotatingCredentials) => {
    const store = await OssObjectStore.open({ bucket: BUCKET, region: emulator.region, endpoint: emulator.url, pathStyle: true, credentials });
    // Another instance's writes must be visible at once here, since requests alternate between instances.
    const hotpatch = createHotpatch({ store, logger }, { cacheMaxAgeMs: 0, diffs: { enabled: options.diffs ?? true } });
    const afterInvoke = async (): Promise<void> => {
      await hotpatch.diffs.idle();
      await hotpatch.metrics.flush();
    };
    return { store, hotpatch, afterInvoke };
  };
  const httpHandlers = [0, 1].map(() => {
    const credentials = new RotatingCredentials();
    return createFcHttpHandler(
      async () => {
        const { store, hotpatch, afterInvoke } = await instance(credentials);
        return { app: createHttpApp({ hotpatch, store, logger }), afterInvoke };
      },
      { onInvoke: (ctx) => credentials.update(ctx.credentials) },
    );
  });
  const ossHandlers = [0, 1].map(() => {
    const credentials = new RotatingCredentials();
    return createFcOssTriggerHandler(
      async () => {
        const { hotpatch, afterInvoke } = await instance(credentials);
        return { ingest: hotpatch.ingest, decoder: new OssTriggerDecoder({ bucket: BUCKET }), logger, afterInvoke };
      },
      { onInvoke: (ctx) => credentials.update(ctx.credentials) },
    );
  });

  const uploader = await OssObjectStore.open({ bucket: BUCKET, region: emulator.region, endpoint: emulator.url, pathStyle: true, credentials: UPLOADER });
  // The operator's first access key, created once against the bucket (the example does this on first start).
  const admin = createHotpatch({ store: uploader, logger });
  const { secret } = await admin.accessKeys.create({ friendlyName: "acceptance" });

  const emulatorOrigin = new URL(emulator.url).origin;
  const send = fcSend(httpHandlers, { kind: "api-gateway", direct: (url) => url.origin === emulatorOrigin, context });
  const http = httpDriver("https://ota.example.test", secret, send);

  let nextOss = 0;
  let uploads = 0;
  const trigger = async (payload: Buffer): Promise<IngestResult[]> => (await ossHandlers[nextOss++ % ossHandlers.length]!(payload, context())).results;
  const upload = async (key: string, request: ReleaseRequest): Promise<Buffer> => {
    await uploader.put(key, request.bytes, { contentType: "application/zip", metadata: dropMetadata(request) });
    const payload = deliveries.get(key);
    if (!payload) throw new Error(`the OSS trigger did not fire for ${key}`);
    deliveries.delete(key);
    return payload;
  };

  const driver: AcceptanceDriver = {
    ...http,
    async release(app, deployment, request) {
      // One object per release, as a CI job uploads it; the trigger's outcome answers the release call.
      const key = `src/${app}/${deployment}/${++uploads}-${request.fileName}`;
      const [outcome] = await trigger(await upload(key, request));
      // The uploader clears its inbox: drop objects are its input, not hotpatch's state.
      await uploader.delete(key);
      if (!outcome) throw new DriverError(500, `no ingest result for ${key}`);
      if (outcome.status === "rejected") throw new DriverError(statusOf(outcome.code), outcome.reason);
      if (outcome.status !== "released") throw new DriverError(500, `${key} was ${outcome.status}`);
      const released = (await http.history(app, deployment)).find((summary) => summary.label === outcome.label);
      if (!released) throw new DriverError(500, `${outcome.label} is not in the history`);
      return released;
    },
    async drop(app, deployment, request, options = {}) {
      const payload = await upload(`src/${app}/${deployment}/${request.fileName}`, request);
      await trigger(payload);
      if (options.deliverTwice) await trigger(payload); // OSS invokes asynchronously, at least once
    },
  };
  return { driver, store: uploader, emulator, logs, send, baseUrl: "https://ota.example.test", accessKey: secret, close: () => emulator.close() };
}

function statusOf(code: string): number {
  return code in ERROR_STATUS ? ERROR_STATUS[code as ErrorCode] : 500;
}

