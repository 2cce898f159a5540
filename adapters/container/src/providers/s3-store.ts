import type { AwsConfig } from "../config/hotpatch-config.js";
import type { ProviderStore } from "./provider-store.js";

/** S3 (or an S3-compatible endpoint) through client-s3; runtime credentials are the SDK's default chain. */
export async function openS3Store(config: AwsConfig): Promise<ProviderStore> {
  const { S3ObjectStore, createS3Client } = await import("@hotpatch/provider-aws");
  const { storage, credentials } = config;
  const client = createS3Client({
    region: storage.region,
    ...(storage.endpoint ? { endpoint: storage.endpoint } : {}),
    ...(storage.pathStyle !== undefined ? { forcePathStyle: storage.pathStyle } : {}),
    ...(credentials.source === "static"
      ? { credentials: { accessKeyId: credentials.accessKeyId, secretAccessKey: credentials.accessKeySecret, ...(credentials.securityToken ? { sessionToken: credentials.securityToken } : {}) } }
      : {}),
  });
  const store = new S3ObjectStore({
    client,
    bucket: storage.bucket,
    ...(config.downloads.publicBaseUrl ? { publicBaseUrl: config.downloads.publicBaseUrl } : {}),
    ...(config.downloads.urlTtlSeconds ? { defaultExpirySeconds: config.downloads.urlTtlSeconds } : {}),
  });
  return { store, serveStorage: false };
}
