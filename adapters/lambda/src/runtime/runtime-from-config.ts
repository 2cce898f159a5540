import { ConflictError, type Hotpatch } from "@hotpatch/core";
import { CloudWatchJsonLogger, S3ObjectStore, createS3Client } from "@hotpatch/provider-aws";
import { invocationLogFields } from "../handlers/invocation-context.js";
import type { LambdaConfig } from "./lambda-config.js";
import { createLambdaRuntime, type LambdaRuntime } from "./lambda-runtime.js";

/** The operator's first key must not lock them out after CodePush's 60-day default. */
const BOOTSTRAP_KEY_TTL_MS = 10 * 365 * 24 * 3600 * 1000;

/** The AWS composition: S3 store (role credentials from the environment), CloudWatch JSON logger. */
export async function runtimeFromConfig(config: LambdaConfig, options: { bootstrap?: boolean } = {}): Promise<LambdaRuntime> {
  const client = createS3Client({
    region: config.region,
    ...(config.s3Endpoint ? { endpoint: config.s3Endpoint } : {}),
    ...(config.s3ForcePathStyle !== undefined ? { forcePathStyle: config.s3ForcePathStyle } : {}),
  });
  const store = new S3ObjectStore({
    client,
    bucket: config.bucket,
    ...(config.publicBaseUrl ? { publicBaseUrl: config.publicBaseUrl } : {}),
    ...(config.downloadUrlTtlSeconds ? { defaultExpirySeconds: config.downloadUrlTtlSeconds } : {}),
  });
  const logger = new CloudWatchJsonLogger({
    level: config.logLevel,
    context: invocationLogFields,
    ...(config.functionName ? { bindings: { function: config.functionName } } : {}),
  });
  const runtime = createLambdaRuntime({
    store,
    logger,
    hotpatch: {
      ...(config.cacheMaxAgeMs !== undefined ? { cacheMaxAgeMs: config.cacheMaxAgeMs } : {}),
      ...(config.diffs !== undefined ? { diffs: { enabled: config.diffs } } : {}),
    },
    http: {
      ...(config.basePath ? { basePath: config.basePath } : {}),
      ...(config.corsOrigin ? { corsOrigin: config.corsOrigin } : {}),
    },
  });
  if (options.bootstrap && config.bootstrapAccessKey) await ensureAccessKey(runtime.hotpatch, config.bootstrapAccessKey);
  return runtime;
}

/**
 * Adds the configured key unless it exists. Several cold starts may race to add it: the losers see
 * a ConflictError (same secret), which means the key is there.
 */
export async function ensureAccessKey(hotpatch: Hotpatch, secret: string): Promise<void> {
  const exists = await hotpatch.accessKeys.get(secret).then(
    () => true,
    () => false,
  );
  if (exists) return;
  try {
    await hotpatch.accessKeys.create({ friendlyName: `bootstrap-${Date.now()}`, secret, createdBy: "lambda configuration", ttl: BOOTSTRAP_KEY_TTL_MS });
  } catch (error) {
    if (!(error instanceof ConflictError)) throw error;
  }
}
