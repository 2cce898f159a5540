import { createHotpatch } from "@hotpatch/core";
import { dropMetadata, makeZip, silentLogger } from "@hotpatch/core/testing";
import { UnsupportedEventError, createHttpHandler, createLambdaRuntime, createS3Handler, type LambdaRuntime } from "@hotpatch/lambda";
import { lambdaContext } from "@hotpatch/lambda/testing";
import { MemoryObjectStore } from "@hotpatch/provider-local";
import type { APIGatewayProxyEvent, APIGatewayProxyEventV2 } from "aws-lambda";
import { beforeEach, describe, expect, it } from "vitest";
import v1Get from "../fixtures/api-gateway-v1-update-check.json" with { type: "json" };
import v1Post from "../fixtures/api-gateway-v1-report-deploy.json" with { type: "json" };
import urlPost from "../fixtures/function-url-report-download.json" with { type: "json" };
import v2Get from "../fixtures/http-api-v2-update-check.json" with { type: "json" };
import s3Put from "../fixtures/s3-put.json" with { type: "json" };

const DEPLOYMENT_KEY = "dk_3kPq9ZrT7wXyB2nM5vL8";
const context = () => lambdaContext("hotpatch-http");

/** The recorded fixtures name deployment key dk_3kPq…; give app "shop"'s Staging that key. */
async function runtimeWithShop(): Promise<LambdaRuntime> {
  const store = new MemoryObjectStore({ publicBaseUrl: "https://a1b2c3d4e5.execute-api.eu-west-1.amazonaws.com/prod" });
  const runtime = createLambdaRuntime({ store, logger: silentLogger });
  await runtime.hotpatch.apps.create("shop");
  await runtime.hotpatch.apps.createDeployment("shop", "Canary", DEPLOYMENT_KEY);
  return runtime;
}

describe("HTTP handler with recorded events (memory store)", () => {
  let runtime: LambdaRuntime;
  let handler: ReturnType<typeof createHttpHandler>;
  beforeEach(async () => {
    runtime = await runtimeWithShop();
    handler = createHttpHandler(async () => runtime);
  });

  it("answers a REST API update check with a payload 1.0 result", async () => {
    const result = await handler(v1Get as unknown as APIGatewayProxyEvent, context());
    expect(result.statusCode).toBe(200);
    expect(result.isBase64Encoded).toBe(false);
    expect(JSON.parse(result.body)).toMatchObject({ update_info: { is_available: false, should_run_binary_version: true } });
  });

  it("answers an HTTP API update check with a payload 2.0 result", async () => {
    const result = await handler(v2Get as APIGatewayProxyEventV2, context());
    expect(result.statusCode).toBe(200);
    expect(JSON.parse(result.body ?? "")).toMatchObject({ update_info: { is_available: false } });
  });

  it("takes device reports from a base64 REST body and a function URL body, and flushes their counters before returning", async () => {
    const deploy = await handler(v1Post as unknown as APIGatewayProxyEvent, context());
    expect(deploy).toMatchObject({ statusCode: 200, body: "OK" });
    const download = await handler(urlPost as APIGatewayProxyEventV2, context());
    expect(download).toMatchObject({ statusCode: 200, body: "OK" });
    // The container may be frozen right after: the counters must already be in the store.
    expect((await runtime.store.list("metrics/")).length).toBeGreaterThan(0);
  });

  it("refuses events of other triggers with UnsupportedEventError", async () => {
    await expect(handler(s3Put as never, context())).rejects.toBeInstanceOf(UnsupportedEventError);
    const alb = { ...v1Get, requestContext: { elb: { targetGroupArn: "arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/t/1" } } };
    await expect(handler(alb as never, context())).rejects.toThrow(/check the function's trigger/);
  });
});

describe("S3 handler with the recorded S3 put event (memory store)", () => {
  it("ingests the dropped package named by the URL-encoded key, once even when delivered twice", async () => {
    const store = new MemoryObjectStore({ publicBaseUrl: "https://cdn.hotpatch.test" });
    const runtime = createLambdaRuntime({ store, logger: silentLogger });
    await runtime.hotpatch.apps.create("shop");
    const bytes = await makeZip([{ name: "CodePush/index.android.bundle", data: "console.log('dropped')" }]);
    await store.put("src/shop/Staging/release candidate+1.zip", bytes, { metadata: dropMetadata({ bytes, fileName: "x.zip", appVersion: "1.0.0" }) });
    const handler = createS3Handler(async () => runtime);
    expect(await handler(s3Put, lambdaContext("hotpatch-s3"))).toEqual({ delivered: 1 });
    expect(await handler(s3Put, lambdaContext("hotpatch-s3"))).toEqual({ delivered: 1 });
    const history = await runtime.hotpatch.publish.history("shop", "Staging");
    expect(history.map((release) => release.label)).toEqual(["v1"]);
  });

  it("rejects a payload that is not an S3 notification, so that the failure is visible", async () => {
    const runtime = createLambdaRuntime({ store: new MemoryObjectStore({ publicBaseUrl: "https://cdn.hotpatch.test" }), logger: silentLogger });
    const handler = createS3Handler(async () => runtime);
    await expect(handler(v2Get as never, lambdaContext("hotpatch-s3"))).rejects.toThrow(/Records/);
  });
});

describe("composition", () => {
  it("is the reference composition: the runtime's use cases are createHotpatch's", () => {
    const store = new MemoryObjectStore({ publicBaseUrl: "https://cdn.hotpatch.test" });
    const runtime = createLambdaRuntime({ store, logger: silentLogger });
    expect(Object.keys(runtime.hotpatch).sort()).toEqual(Object.keys(createHotpatch({ store, logger: silentLogger })).sort());
  });
});
