import type { Environment } from "@hotpatch/container";
import { dropMetadata, makeZip } from "@hotpatch/core/testing";
import { deploymentFromEnvironment, httpEntryPoints, ossTriggerEntryPoints, type FcContext } from "@hotpatch/fc";
import { fakeFcContext, fcSend, ossTriggerPayload } from "@hotpatch/fc/testing";
import { httpDriver } from "@hotpatch/http/testing";
import { OssObjectStore } from "@hotpatch/provider-alibaba";
import { startOssEmulator, type OssEmulator } from "@hotpatch/provider-alibaba/testing";
import { S3RVER_CREDENTIALS, S3RVER_REGION, startS3TestServer, type S3TestServer } from "@hotpatch/provider-aws/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const BASE = "https://hotpatch-http.cn-hangzhou.fcapp.run";
const ACCESS_KEY = "fc_example_switch_key_01";
/** The function role's STS credentials, as FC passes them in every invocation's context. */
const ROLE = { accessKeyId: "STS.EXAMPLEROLE", accessKeySecret: "example-role-secret", securityToken: "example-role-token" };

let oss: OssEmulator;
let s3: S3TestServer;
beforeAll(async () => {
  oss = await startOssEmulator({ buckets: ["hotpatch-example"], accounts: [ROLE] });
  s3 = await startS3TestServer();
});
afterAll(async () => {
  await oss?.close();
  await s3?.close();
});

/** Releases through the HTTP entry point, then a device checks and downloads: the same steps on each provider. */
async function releaseAndCheck(env: Environment, context: () => FcContext) {
  const deployment = deploymentFromEnvironment({ HOTPATCH_ACCESS_KEY: ACCESS_KEY, HOTPATCH_LOG_LEVEL: "error", ...env });
  const http = httpEntryPoints(deployment);
  const direct = (url: URL) => url.hostname === "localhost" || url.hostname === "127.0.0.1";
  const driver = httpDriver(BASE, ACCESS_KEY, fcSend([http.handler], { kind: "fc3", direct, context }));
  const keys = (await driver.createApp("shop")).deploymentKeys;
  const bytes = await makeZip([{ name: "CodePush/index.android.bundle", data: "console.log('switched')" }]);
  await driver.release("shop", "Staging", { bytes, fileName: "v1.zip", appVersion: "1.0.0" });
  const update = await driver.check({ deployment_key: keys.Staging as string, app_version: "1.0.0", client_unique_id: "device" });
  expect(update).toMatchObject({ isAvailable: true, label: "v1" });
  expect(Buffer.from(await driver.download(update.downloadURL)).equals(bytes)).toBe(true);
  return { deployment, update };
}

describe("the same FC entry points, moved between providers by configuration alone", () => {
  it("alibaba (the default): OSS with the role's credentials from each invocation, drops through the OSS trigger", async () => {
    const context = () => fakeFcContext({ credentials: { ...ROLE } });
    const { deployment, update } = await releaseAndCheck({ HOTPATCH_BUCKET: "hotpatch-example", HOTPATCH_REGION: oss.region, HOTPATCH_ENDPOINT: oss.url, HOTPATCH_PATH_STYLE: "true" }, context);
    expect(new URL(update.downloadURL).searchParams.get("x-oss-signature-version")).toBe("OSS4-HMAC-SHA256");

    const uploader = await OssObjectStore.open({ bucket: "hotpatch-example", region: oss.region, endpoint: oss.url, pathStyle: true, credentials: ROLE });
    const dropped = { bytes: await makeZip([{ name: "CodePush/index.android.bundle", data: "dropped" }]), fileName: "v2.zip", appVersion: "1.0.0" };
    const info = await uploader.put("src/shop/Staging/v2.zip", dropped.bytes, { metadata: dropMetadata(dropped) });
    const ingest = ossTriggerEntryPoints(deployment);
    const { results } = await ingest.handler(ossTriggerPayload({ bucket: "hotpatch-example", key: "src/shop/Staging/v2.zip", etag: info.etag, size: info.size, region: oss.region }), context());
    expect(results).toEqual([{ key: "src/shop/Staging/v2.zip", status: "released", label: "v2" }]);
  });

  it("aws: S3 with an AccessKey from the configuration", async () => {
    const { update } = await releaseAndCheck(
      {
        HOTPATCH_PROVIDER: "aws",
        HOTPATCH_BUCKET: await s3.createBucket(),
        HOTPATCH_REGION: S3RVER_REGION,
        HOTPATCH_ENDPOINT: s3.endpoint,
        HOTPATCH_CLOUD_ACCESS_KEY_ID: S3RVER_CREDENTIALS.accessKeyId,
        HOTPATCH_CLOUD_ACCESS_KEY_SECRET: S3RVER_CREDENTIALS.secretAccessKey,
      },
      () => fakeFcContext(),
    );
    expect(new URL(update.downloadURL).searchParams.get("X-Amz-Signature")).toMatch(/^[0-9a-f]{64}$/);
  });

  it("refuses a misspelled variable on the first invocation, naming it", async () => {
    const http = httpEntryPoints(deploymentFromEnvironment({ HOTPATCH_BUCKET: "hotpatch-example", HOTPATCH_OSS_REGOIN: "cn-hangzhou" }));
    await expect(http.initialize(fakeFcContext())).rejects.toThrow("unknown variable HOTPATCH_OSS_REGOIN (did you mean HOTPATCH_OSS_REGION, now called HOTPATCH_REGION?)");
  });
});
