import { ConflictError, createHotpatch, type Hotpatch, type Logger, type ObjectStore } from "@hotpatch/core";
import { OssObjectStore, SlsLogger, type RotatingCredentials } from "@hotpatch/provider-alibaba";
import type { FcContext } from "../fc-context.js";
import type { FcConfig } from "./config.js";

/** One FC instance's hotpatch: composed once, shared by every invocation the instance serves. */
export interface Composition {
  hotpatch: Hotpatch;
  store: ObjectStore;
  logger: Logger;
  /** Finishes what the last request started (diff builds, metric deltas) before FC may freeze the instance. */
  afterInvoke(): Promise<void>;
}

/** The operator's first key must not expire after CodePush's 60-day default. */
const ADMIN_KEY_TTL_MS = 10 * 365 * 24 * 3600 * 1000;

/**
 * hotpatch on Alibaba Cloud: OSS through ali-oss with the role's rotating STS credentials, logs as JSON
 * lines on stdout for the function's SLS logstore.
 */
export async function composeOnAlibaba(config: FcConfig, credentials: RotatingCredentials, context: FcContext): Promise<Composition> {
  const logger = new SlsLogger({
    level: config.logLevel,
    bindings: { function: context.function?.name ?? "hotpatch" },
  });
  const store = await OssObjectStore.open({
    bucket: config.bucket,
    region: config.region,
    credentials,
    internal: config.internal,
    pathStyle: config.pathStyle,
    ...(config.endpoint ? { endpoint: config.endpoint } : {}),
    ...(config.publicBaseUrl ? { publicBaseUrl: config.publicBaseUrl } : {}),
    ...(config.signedUrlExpirySeconds ? { signedUrlExpirySeconds: config.signedUrlExpirySeconds } : {}),
  });
  const hotpatch = createHotpatch({ store, logger }, config.cacheMaxAgeMs !== undefined ? { cacheMaxAgeMs: config.cacheMaxAgeMs } : {});
  if (config.accessKey) await ensureAccessKey(hotpatch, config.accessKey);
  return {
    hotpatch,
    store,
    logger,
    afterInvoke: async () => {
      await hotpatch.diffs.idle();
      await hotpatch.metrics.flush();
    },
  };
}

/** Adds the configured access key on first start; instances starting together may race, and one wins. */
async function ensureAccessKey(hotpatch: Hotpatch, secret: string): Promise<void> {
  const known = await hotpatch.accessKeys.get(secret).then(
    () => true,
    () => false,
  );
  if (known) return;
  try {
    await hotpatch.accessKeys.create({ friendlyName: `configured-${Date.now()}`, secret, ttl: ADMIN_KEY_TTL_MS, createdBy: "HOTPATCH_ACCESS_KEY" });
  } catch (error) {
    if (!(error instanceof ConflictError)) throw error;
  }
}

