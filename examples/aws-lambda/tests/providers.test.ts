import { makeZip } from "@hotpatch/core/testing";
import { httpDriver } from "@hotpatch/http/testing";
import { createHttpHandler, once, runtimeFromEnvironment } from "@hotpatch/lambda";
import { API_SHAPES, apiBaseUrl, directSend } from "@hotpatch/lambda/testing";
import { startOssEmulator, type OssEmulator } from "@hotpatch/provider-alibaba/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const ACCESS_KEY = "lambda_example_switch_key1";
const ACCOUNT = { accessKeyId: "EXAMPLEOSSKEY", accessKeySecret: "example-oss-secret" };

let oss: OssEmulator;
beforeAll(async () => {
  oss = await startOssEmulator({ buckets: ["hotpatch-example"], accounts: [ACCOUNT] });
});
afterAll(async () => {
  await oss?.close();
});

describe("the same Lambda handler, moved to another provider by configuration alone", () => {
  it("serves releases from OSS when HOTPATCH_PROVIDER=alibaba", async () => {
    const shape = API_SHAPES["http-api-v2"];
    const handler = createHttpHandler(
      once(() =>
        runtimeFromEnvironment(
          {
            HOTPATCH_PROVIDER: "alibaba",
            HOTPATCH_BUCKET: "hotpatch-example",
            HOTPATCH_REGION: oss.region,
            HOTPATCH_ENDPOINT: oss.url,
            HOTPATCH_PATH_STYLE: "true",
            HOTPATCH_CLOUD_ACCESS_KEY_ID: ACCOUNT.accessKeyId,
            HOTPATCH_CLOUD_ACCESS_KEY_SECRET: ACCOUNT.accessKeySecret,
            HOTPATCH_ACCESS_KEY: ACCESS_KEY,
            HOTPATCH_LOG_LEVEL: "error",
          },
          { bootstrap: true },
        ),
      ),
    );
    const driver = httpDriver(apiBaseUrl(shape), ACCESS_KEY, directSend(handler, shape));
    const keys = (await driver.createApp("shop")).deploymentKeys;
    const bytes = await makeZip([{ name: "CodePush/index.android.bundle", data: "console.log('on OSS')" }]);
    await driver.release("shop", "Production", { bytes, fileName: "v1.zip", appVersion: "1.0.0" });
    const update = await driver.check({ deployment_key: keys.Production as string, app_version: "1.0.0", client_unique_id: "device" });
    expect(update).toMatchObject({ isAvailable: true, label: "v1" });
    expect(new URL(update.downloadURL).searchParams.get("x-oss-signature-version")).toBe("OSS4-HMAC-SHA256");
    expect(Buffer.from(await driver.download(update.downloadURL)).equals(bytes)).toBe(true);
  });

  it("refuses a missing bucket on the first invocation, naming the variable", async () => {
    const handler = createHttpHandler(once(() => runtimeFromEnvironment({ AWS_REGION: "eu-west-1" })));
    const driver = httpDriver(apiBaseUrl(API_SHAPES["http-api-v2"]), ACCESS_KEY, directSend(handler, API_SHAPES["http-api-v2"]));
    await expect(driver.createApp("shop")).rejects.toThrow("HOTPATCH_BUCKET (storage.bucket) is missing");
  });
});
