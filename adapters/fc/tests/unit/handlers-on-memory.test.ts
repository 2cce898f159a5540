import { readFileSync } from "node:fs";
import { Readable } from "node:stream";
import { createFc2HttpHandler, createFcHttpHandler, createFcOssTriggerHandler, withCallback, type FcHttpResult } from "@hotpatch/fc";
import { fakeFcContext, fcSend } from "@hotpatch/fc/testing";
import { createHttpApp, signApiGatewayRequest } from "@hotpatch/http";
import { silentLogger } from "@hotpatch/core/testing";
import { dropMetadata, makeZip } from "@hotpatch/core/testing";
import { describe, expect, it } from "vitest";
import { memoryComposition } from "../support/memory-composition.js";

const fixtureText = (name: string): string => readFileSync(new URL(`../fixtures/${name}`, import.meta.url), "utf8");

describe("FC handlers over the memory provider, fed the recorded fixtures", () => {
  it("answers the recorded update-check events (API Gateway and FC 3.0) and counts a base64 deploy report", async () => {
    const memory = memoryComposition();
    const view = await memory.hotpatch.apps.create("shop");
    const key = view.deployments.find((d) => d.name === "Staging")!.key;
    const handler = createFcHttpHandler(() => memory.http);
    for (const name of ["api-gateway.update-check.json", "fc3-http.update-check.json"]) {
      const result = await handler(Buffer.from(fixtureText(name).replaceAll("DEPLOYMENT_KEY", key)), fakeFcContext());
      expect(result.statusCode).toBe(200);
      expect(result.isBase64Encoded).toBe(false);
      expect(JSON.parse(result.body)).toMatchObject({ update_info: { is_available: false, should_run_binary_version: true } });
    }
    const report = await handler(Buffer.from(fixtureText("api-gateway.report-deploy.json")), fakeFcContext());
    expect(report.statusCode).toBe(404); // the recorded body names DEPLOYMENT_KEY, which does not exist
    const event = JSON.parse(fixtureText("api-gateway.report-deploy.json"));
    event.body = Buffer.from(Buffer.from(event.body, "base64").toString("utf8").replace("DEPLOYMENT_KEY", key)).toString("base64");
    const counted = await handler(Buffer.from(JSON.stringify(event)), fakeFcContext());
    expect(counted).toMatchObject({ statusCode: 200, body: "OK" });
    // afterInvoke flushed the counter before the handler returned: it is in the store already.
    expect((await memory.store.list("metrics/")).length).toBe(1);
  });

  it("ingests the recorded drop-zone OSS event once, however often it is delivered", async () => {
    const memory = memoryComposition();
    await memory.hotpatch.apps.create("shop");
    const zip = await makeZip([{ name: "CodePush/index.android.bundle", data: "bundle" }]);
    const info = await memory.store.put("src/shop/Staging/release 1.zip", zip, { metadata: dropMetadata({ bytes: zip, fileName: "release 1.zip", appVersion: "1.0.0" }) });
    const payload = fixtureText("oss-trigger.drop-zone.json");
    const handler = createFcOssTriggerHandler(() => memory.ingest);
    const first = await handler(Buffer.from(payload), fakeFcContext());
    expect(first.results).toEqual([{ key: "src/shop/Staging/release 1.zip", status: "released", label: "v1" }]);
    const again = await handler(Buffer.from(payload), fakeFcContext());
    expect(again.results).toEqual([{ key: "src/shop/Staging/release 1.zip", status: "duplicate", label: "v1" }]);
    expect((await memory.hotpatch.publish.history("shop", "Staging")).length).toBe(1);
    expect(info.size).toBe(zip.byteLength);
    // The documented sample's key (source/a.png) is outside the drop zone.
    expect((await handler(Buffer.from(fixtureText("oss-trigger.documented.json")), fakeFcContext())).results).toEqual([]);
  });

  it("reports input the uploader must fix and throws storage failures so FC retries", async () => {
    const memory = memoryComposition();
    await memory.hotpatch.apps.create("shop");
    await memory.store.put("src/shop/Staging/release 1.zip", new TextEncoder().encode("not a zip"), { metadata: { "target-binary-range": "1.0.0" } });
    const handler = createFcOssTriggerHandler(() => memory.ingest);
    const { results } = await handler(Buffer.from(fixtureText("oss-trigger.drop-zone.json")), fakeFcContext());
    expect(results[0]).toMatchObject({ status: "rejected", code: "invalid_request" });
    const failing = createFcOssTriggerHandler(() => ({ ...memory.ingest, ingest: { handle: async () => Promise.reject(new Error("OSS unavailable (expected)")) } }));
    await expect(failing(Buffer.from(fixtureText("oss-trigger.drop-zone.json")), fakeFcContext())).rejects.toThrow("OSS unavailable");
  });

  it("offers the callback form for nodejs ≤ 16 runtimes", async () => {
    const memory = memoryComposition();
    const handler = withCallback(createFcHttpHandler(() => memory.http));
    const result = await new Promise<FcHttpResult | undefined>((resolve, reject) => handler(Buffer.from(fixtureText("fc3-http.documented.json")), fakeFcContext(), (error, value) => (error ? reject(error) : resolve(value))));
    expect(result?.statusCode).toBe(404);
    const failed = await new Promise<Error | null>((resolve) => handler(Buffer.from("not json"), fakeFcContext(), (error) => resolve(error)));
    expect(failed?.name).toBe("UnrecognisedEventError");
  });

  it("serves the FC 2.0 (req, resp, context) form, with the body in req.body or only as a stream", async () => {
    const memory = memoryComposition();
    const { secret } = await memory.hotpatch.accessKeys.create({ friendlyName: "fc2" });
    const handler = createFc2HttpHandler(() => memory.http);
    for (const viaStream of [false, true]) {
      const sent: { status?: number; headers: Record<string, string>; body?: Buffer | string } = { headers: {} };
      const body = Buffer.from(JSON.stringify({ name: viaStream ? "streamed" : "buffered" }));
      const req = Object.assign(viaStream ? Readable.from([body]) : {}, {
        method: "POST",
        path: "/apps",
        headers: { "content-type": "application/json", authorization: `Bearer ${secret}`, host: "fc2.example.test" },
        queries: {},
        ...(viaStream ? {} : { body }),
      });
      await handler(req, { setStatusCode: (code) => (sent.status = code), setHeader: (n, v) => (sent.headers[n] = v), send: (b) => (sent.body = b) }, fakeFcContext());
      expect(sent.status).toBe(201);
      expect(JSON.parse(String(sent.body))).toMatchObject({ app: { name: viaStream ? "streamed" : "buffered" } });
    }
  });

  it("verifies API Gateway signatures through FC 3.0 events, whose header names FC canonicalises", async () => {
    const memory = memoryComposition();
    const view = await memory.hotpatch.apps.create("shop");
    const app = createHttpApp({ hotpatch: memory.hotpatch, store: memory.store, logger: silentLogger, apiGatewayAuth: { apps: { "203753385": "fc-secret" } } });
    const send = fcSend([createFcHttpHandler(() => ({ app }))], { kind: "fc3" });
    const url = `https://trigger.cn-hangzhou.fcapp.run/v0.1/public/codepush/report_status/deploy`;
    const body = JSON.stringify({ deployment_key: view.deployments[0]!.key, app_version: "1.0.0", client_unique_id: "d" });
    const signed = await signApiGatewayRequest(new Request(url, { method: "POST", body, headers: { "Content-Type": "application/json" } }), { appKey: "203753385", appSecret: "fc-secret" });
    const accepted = await send(signed.clone());
    expect(accepted.status).toBe(200);
    expect(await accepted.text()).toBe("OK");
    const replayed = await send(signed.clone());
    expect(replayed.status).toBe(400);
    expect(replayed.headers.get("x-hotpatch-error-code")).toBe("nonce_used");
    const unsigned = await send(new Request(url, { method: "POST", body, headers: { "Content-Type": "application/json" } }));
    expect(unsigned.status).toBe(401);
  });
});
