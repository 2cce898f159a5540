import { Client } from "aliyun-api-gateway";
import { createHotpatch } from "@hotpatch/core";
import { silentLogger } from "@hotpatch/core/testing";
import { createHttpApp, listen, signApiGatewayRequest, type RunningServer } from "@hotpatch/http";
import { MemoryObjectStore } from "@hotpatch/provider-local";
import { afterEach, beforeEach, describe, expect, it } from "vitest";

const APP_KEY = "203753385";
const APP_SECRET = "APPSECRET123-very-secret";

interface Fixture {
  server: RunningServer;
  deploymentKey: string;
  accessKey: string;
  /** Clones of every request that reached the app, to replay them. */
  seen: Request[];
}

async function start(options: { scope?: "device" | "all"; serverClockOffsetMs?: number } = {}): Promise<Fixture> {
  const store = new MemoryObjectStore({ publicBaseUrl: "http://127.0.0.1:9" });
  const hotpatch = createHotpatch({ store, logger: silentLogger });
  const view = await hotpatch.apps.create("shop");
  const { secret } = await hotpatch.accessKeys.create({ friendlyName: "test" });
  const offset = options.serverClockOffsetMs ?? 0;
  const app = createHttpApp({
    hotpatch,
    store,
    logger: silentLogger,
    apiGatewayAuth: { apps: { [APP_KEY]: APP_SECRET }, scope: options.scope ?? "device", now: () => Date.now() + offset },
  });
  const seen: Request[] = [];
  const server = await listen(
    {
      fetch: (request) => {
        seen.push(request.clone());
        return app.fetch(request);
      },
    },
    { port: 0 },
  );
  return { server, deploymentKey: view.deployments[0]!.key, accessKey: secret, seen };
}

/** The SDK throws on non-2xx with the gateway-style `X-Ca-Error-Message` in its message. */
async function sdkFailure(promise: Promise<unknown>): Promise<{ code: number; message: string }> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e as { code: number; message: string },
  );
  expect(error, "expected the SDK call to fail").toBeDefined();
  return error as { code: number; message: string };
}

async function replay(original: Request, change: { url?: string; body?: string; headers?: Record<string, string> } = {}): Promise<Response> {
  const headers = new Headers(original.headers);
  for (const [name, value] of Object.entries(change.headers ?? {})) headers.set(name, value);
  for (const name of ["content-length", "connection", "host"]) headers.delete(name);
  const body = change.body ?? (original.method === "GET" ? undefined : await original.clone().text());
  return fetch(change.url ?? original.url, { method: original.method, headers, ...(body !== undefined ? { body } : {}) });
}

let fx: Fixture;
afterEach(async () => fx.server.close());

describe("API Gateway app authentication against the aliyun-api-gateway SDK as the real signer", () => {
  beforeEach(async () => {
    fx = await start();
  });

  const checkUrl = () => `${fx.server.url}/v0.1/public/codepush/update_check`;
  const deployUrl = () => `${fx.server.url}/v0.1/public/codepush/report_status/deploy`;

  it("accepts SDK-signed GET and POST requests", async () => {
    const sdk = new Client(APP_KEY, APP_SECRET);
    const answer = (await sdk.get(checkUrl(), { query: { deployment_key: fx.deploymentKey, app_version: "1.0.0" } })) as { update_info: { is_available: boolean } };
    expect(answer.update_info.is_available).toBe(false);
    const ok = await sdk.post(deployUrl(), { data: { deployment_key: fx.deploymentKey, app_version: "1.0.0", client_unique_id: "device-1" } });
    expect(ok).toBe("OK");
  });

  it("accepts requests signed by signApiGatewayRequest, including the legacy path", async () => {
    const signed = await signApiGatewayRequest(new Request(`${fx.server.url}/updateCheck?deploymentKey=${fx.deploymentKey}&appVersion=1.0.0`), { appKey: APP_KEY, appSecret: APP_SECRET });
    expect((await fetch(signed)).status).toBe(200);
    expect((await fetch(`${fx.server.url}/updateCheck?deploymentKey=${fx.deploymentKey}&appVersion=1.0.0`)).status).toBe(401);
  });

  it("refuses a replayed nonce", async () => {
    await new Client(APP_KEY, APP_SECRET).post(deployUrl(), { data: { deployment_key: fx.deploymentKey, app_version: "1.0.0", client_unique_id: "device-1" } });
    const response = await replay(fx.seen.at(-1)!);
    expect(response.status).toBe(400);
    expect(response.headers.get("x-hotpatch-error-code")).toBe("nonce_used");
    expect(await response.text()).toContain("X-Ca-Nonce");
  });

  it("refuses a changed body, path or query", async () => {
    await new Client(APP_KEY, APP_SECRET).post(deployUrl(), { data: { deployment_key: fx.deploymentKey, app_version: "1.0.0", client_unique_id: "device-1" } });
    const original = fx.seen.at(-1)!;
    const changedBody = await replay(original, { body: JSON.stringify({ deployment_key: fx.deploymentKey, app_version: "6.6.6", client_unique_id: "device-1" }) });
    expect(changedBody.status).toBe(400);
    expect(changedBody.headers.get("x-hotpatch-error-code")).toBe("content_md5_mismatch");

    await new Client(APP_KEY, APP_SECRET).get(checkUrl(), { query: { deployment_key: fx.deploymentKey, app_version: "1.0.0" } });
    const get = fx.seen.at(-1)!;
    const changedPath = await replay(get, { url: get.url.replace("/v0.1/public/codepush/update_check", "/updateCheck") });
    expect(changedPath.status).toBe(401);
    expect(changedPath.headers.get("x-hotpatch-error-code")).toBe("invalid_signature");
    const changedQuery = await replay(get, { url: get.url.replace("app_version=1.0.0", "app_version=2.0.0") });
    expect(changedQuery.status).toBe(401);
    expect(changedQuery.headers.get("x-ca-error-message")).toContain("StringToSign");
  });

  it("refuses a wrong secret and an unknown key without echoing any secret", async () => {
    const wrong = await sdkFailure(new Client(APP_KEY, "not-the-secret").get(checkUrl(), { query: { deployment_key: fx.deploymentKey, app_version: "1.0.0" } }));
    expect(wrong.code).toBe(401);
    expect(wrong.message).toContain("X-Ca-Signature does not match");
    const unknown = await sdkFailure(new Client("999", APP_SECRET).get(checkUrl(), { query: { deployment_key: fx.deploymentKey, app_version: "1.0.0" } }));
    expect(unknown.code).toBe(401);
    expect(unknown.message).toContain("X-Ca-Key");
    for (const request of [...fx.seen]) {
      const response = await replay(request, { headers: { "x-ca-nonce": crypto.randomUUID() } });
      const text = `${await response.text()} ${response.headers.get("x-ca-error-message")}`;
      expect(text).not.toContain(APP_SECRET);
      expect(text).not.toContain("not-the-secret");
    }
  });

  it("names the header at fault when one is missing or malformed", async () => {
    await new Client(APP_KEY, APP_SECRET).get(checkUrl(), { query: { deployment_key: fx.deploymentKey, app_version: "1.0.0" } });
    const original = fx.seen.at(-1)!;
    const cases: Array<[Record<string, string>, number, string]> = [
      [{ "x-ca-timestamp": "yesterday" }, 400, "X-Ca-Timestamp"],
      [{ "x-ca-signature-method": "HmacSHA1" }, 400, "X-Ca-Signature-Method"],
      [{ "x-ca-signature-headers": "x-ca-key,x-ca-nonce" }, 400, "x-ca-timestamp"],
      [{ "x-ca-signature-headers": "x-ca-key,x-ca-nonce,x-ca-timestamp,content-type" }, 400, "content-type"],
    ];
    for (const [headers, status, text] of cases) {
      const response = await replay(original, { headers });
      expect(response.status).toBe(status);
      expect(await response.text()).toContain(text);
    }
    const unsigned = await fetch(`${checkUrl()}?deployment_key=${fx.deploymentKey}&app_version=1.0.0`);
    expect(unsigned.status).toBe(401);
  });

  it("leaves management routes alone in device scope", async () => {
    const response = await fetch(`${fx.server.url}/apps`, { headers: { Authorization: `Bearer ${fx.accessKey}` } });
    expect(response.status).toBe(200);
  });
});

describe("API Gateway app authentication: clock and scope", () => {
  it("refuses a timestamp more than 15 minutes from the server's clock", async () => {
    fx = await start({ serverClockOffsetMs: 16 * 60_000 });
    const stale = await sdkFailure(new Client(APP_KEY, APP_SECRET).get(`${fx.server.url}/v0.1/public/codepush/update_check`, { query: { deployment_key: fx.deploymentKey, app_version: "1.0.0" } }));
    expect(stale.code).toBe(400);
    expect(stale.message).toContain("X-Ca-Timestamp");
  });

  it("accepts a timestamp 14 minutes off", async () => {
    fx = await start({ serverClockOffsetMs: -14 * 60_000 });
    const sdk = new Client(APP_KEY, APP_SECRET);
    await expect(sdk.get(`${fx.server.url}/v0.1/public/codepush/update_check`, { query: { deployment_key: fx.deploymentKey, app_version: "1.0.0" } })).resolves.toBeDefined();
  });

  it("guards every route in scope 'all' but never a CORS preflight, and lets the route read a signed body", async () => {
    fx = await start({ scope: "all" });
    expect((await fetch(`${fx.server.url}/apps`, { headers: { Authorization: `Bearer ${fx.accessKey}` } })).status).toBe(401);
    expect((await fetch(`${fx.server.url}/apps`, { method: "OPTIONS" })).status).toBe(204);
    const signed = await signApiGatewayRequest(
      new Request(`${fx.server.url}/apps`, { method: "POST", body: JSON.stringify({ name: "second" }), headers: { Authorization: `Bearer ${fx.accessKey}`, "Content-Type": "application/json" } }),
      { appKey: APP_KEY, appSecret: APP_SECRET },
    );
    const created = await fetch(signed);
    expect(created.status).toBe(201);
  });
});
