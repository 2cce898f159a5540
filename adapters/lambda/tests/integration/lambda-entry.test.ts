import { dropMetadata, makeZip } from "@hotpatch/core/testing";
import { httpDriver } from "@hotpatch/http/testing";
import { API_SHAPES, apiBaseUrl, directSend, lambdaContext, s3PutNotification } from "@hotpatch/lambda/testing";
import { S3ObjectStore } from "@hotpatch/provider-aws";
import { S3RVER_CREDENTIALS, startS3TestServer, type S3TestServer } from "@hotpatch/provider-aws/testing";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

/**
 * The real entry files (`entry/http.ts`, `entry/s3.ts`), composed from environment variables as on
 * Lambda: S3 through client-s3 to the S3 test server with credentials from the environment, the
 * bootstrap access key, and JSON log lines on stdout that carry the invocation's request id.
 */
let server: S3TestServer;
let bucket: string;
const BOOTSTRAP_KEY = "bootstrap_key_for_entry_test_0001";

beforeAll(async () => {
  server = await startS3TestServer();
  bucket = await server.createBucket();
  vi.stubEnv("AWS_REGION", "us-east-1");
  vi.stubEnv("AWS_ACCESS_KEY_ID", S3RVER_CREDENTIALS.accessKeyId);
  vi.stubEnv("AWS_SECRET_ACCESS_KEY", S3RVER_CREDENTIALS.secretAccessKey);
  vi.stubEnv("AWS_LAMBDA_FUNCTION_NAME", "hotpatch-http");
  vi.stubEnv("HOTPATCH_BUCKET", bucket);
  vi.stubEnv("HOTPATCH_S3_ENDPOINT", server.endpoint);
  vi.stubEnv("HOTPATCH_BOOTSTRAP_ACCESS_KEY", BOOTSTRAP_KEY);
  // Two containers (HTTP and S3 function) share the bucket: read the other's writes at once.
  vi.stubEnv("HOTPATCH_CACHE_MAX_AGE_MS", "0");
});
afterAll(async () => {
  vi.unstubAllEnvs();
  await server?.close();
});

describe("entry files composed from the environment", () => {
  it("serve the management API with the bootstrap key, ingest a drop, answer a device and log JSON lines", async () => {
    const lines: string[] = [];
    const write = vi.spyOn(process.stdout, "write").mockImplementation((chunk: string | Uint8Array) => {
      lines.push(String(chunk));
      return true;
    });
    try {
      const { handler: http } = await import("@hotpatch/lambda/entry/http");
      const { handler: s3 } = await import("@hotpatch/lambda/entry/s3");
      const shape = API_SHAPES["http-api-v2"];
      const driver = httpDriver(apiBaseUrl(shape), BOOTSTRAP_KEY, directSend(http, shape));
      const { deploymentKeys } = await driver.createApp("shop");

      const bytes = await makeZip([{ name: "CodePush/index.android.bundle", data: "console.log('from the drop zone')" }]);
      const dropped = { bytes, fileName: "my bundle.zip", appVersion: "1.0.0", description: "dropped" };
      // The drop goes to the functions' bucket, written as the CLI would (any S3 client).
      const writer = new S3ObjectStore({ client: server.client(), bucket });
      const info = await writer.put("src/shop/Staging/my bundle.zip", bytes, { metadata: dropMetadata(dropped) });
      // The S3 function is another container: it composes on its first invocation, with its own name.
      vi.stubEnv("AWS_LAMBDA_FUNCTION_NAME", "hotpatch-s3");
      expect(await s3(s3PutNotification(bucket, info), lambdaContext("hotpatch-s3"))).toEqual({ delivered: 1 });

      expect((await driver.history("shop", "Staging")).map((release) => release.label)).toEqual(["v1"]);
      const update = await driver.check({ deployment_key: deploymentKeys.Staging!, app_version: "1.0.0" });
      expect(update).toMatchObject({ isAvailable: true, label: "v1", description: "dropped" });
      expect(new URL(update.downloadURL).searchParams.get("X-Amz-Signature")).toMatch(/^[0-9a-f]{64}$/);
      expect(Buffer.from(await driver.download(update.downloadURL)).equals(bytes)).toBe(true);
    } finally {
      write.mockRestore();
    }
    const entries = lines.flatMap((chunk) => chunk.split("\n")).filter((line) => line !== "").map((line) => JSON.parse(line) as Record<string, unknown>);
    const created = entries.find((entry) => entry.message === "release created");
    expect(created).toMatchObject({ level: "INFO", app: "shop", deployment: "Staging", function: "hotpatch-s3" });
    expect(created?.requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(entries.find((entry) => entry.message === "app created")).toMatchObject({ function: "hotpatch-http", requestId: expect.stringMatching(/^[0-9a-f-]{36}$/) });
  });
});
