import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeZip } from "@hotpatch/core/testing";
import { startTestServer, type TestServer } from "./server-fixture.js";

let server: TestServer;
let keys: Record<string, string>;
let v1Hash: string;

const auth = () => ({ Authorization: `Bearer ${server.accessKey}` });

async function releaseZip(deployment: string, content: string, packageInfo: Record<string, unknown>) {
  const form = new FormData();
  form.append("package", new Blob([Uint8Array.from(await makeZip([{ name: "CodePush/index.android.bundle", data: content }]))]), "release.zip");
  form.append("packageInfo", JSON.stringify(packageInfo));
  return fetch(`${server.url}/apps/shop/deployments/${deployment}/release`, { method: "POST", headers: auth(), body: form });
}

beforeAll(async () => {
  server = await startTestServer({ limits: { maxPackageBytes: 64 * 1024 } });
  const created = await fetch(`${server.url}/apps`, { method: "POST", headers: { ...auth(), "Content-Type": "application/json" }, body: JSON.stringify({ name: "shop" }) });
  expect(created.status).toBe(201);
  expect(created.headers.get("location")).toBe("/apps/shop");
  const { deployments } = (await (await fetch(`${server.url}/apps/shop/deployments`, { headers: auth() })).json()) as { deployments: Array<{ name: string; key: string }> };
  keys = Object.fromEntries(deployments.map((d) => [d.name, d.key]));
  const released = await releaseZip("Staging", "bundle one", { appVersion: "1.0.0", description: "one", isMandatory: false, rollout: 100 });
  expect(released.status).toBe(201);
  v1Hash = ((await released.json()) as { package: { packageHash: string } }).package.packageHash;
});
afterAll(() => server.close());

describe("acquisition API: both path families, casings and spellings", () => {
  it("answers the v0.1 path in snake_case with the keys in CodePush's order", async () => {
    const r = await fetch(`${server.url}/v0.1/public/codepush/update_check?deployment_key=${keys.Staging}&app_version=1.0&client_unique_id=x`);
    expect(r.status).toBe(200);
    const body = (await r.json()) as { update_info: Record<string, unknown> };
    expect(Object.keys(body)).toEqual(["update_info"]);
    expect(Object.keys(body.update_info)).toEqual([
      "download_url", "description", "is_available", "is_mandatory", "app_version", "package_hash",
      "label", "package_size", "update_app_version", "should_run_binary_version", "target_binary_range",
    ]);
    expect(body.update_info).toMatchObject({ is_available: true, label: "v1", app_version: "1.0", target_binary_range: "1.0", package_hash: v1Hash });
  });

  it("answers the legacy path in camelCase, with camelCase or snake_case parameters", async () => {
    for (const query of [`deploymentKey=${keys.Staging}&appVersion=1.0.0`, `deployment_key=${keys.Staging}&app_version=1.0.0`]) {
      const body = (await (await fetch(`${server.url}/updateCheck?${query}&packageHash=&isCompanion=&label=&clientUniqueId=`)).json()) as { updateInfo: Record<string, unknown> };
      expect(body.updateInfo).toMatchObject({ isAvailable: true, label: "v1", downloadURL: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+\/storage\/packages\//), target_binary_range: "1.0.0" });
    }
  });

  it("lets the camelCase spelling win and trims the key", async () => {
    const body = (await (await fetch(`${server.url}/v0.1/public/codepush/update_check?deploymentKey=${encodeURIComponent(`\r\n${keys.Staging}\r\n`)}&deployment_key=wrongwrongwrong&app_version=1.0.0`)).json()) as { update_info: { is_available: boolean } };
    expect(body.update_info.is_available).toBe(true);
  });

  it("serves the package with an exact Content-Length and identity encoding", async () => {
    const check = (await (await fetch(`${server.url}/v0.1/public/codepush/update_check?deployment_key=${keys.Staging}&app_version=1.0.0`)).json()) as { update_info: { download_url: string; package_size: number } };
    const r = await fetch(check.update_info.download_url, { headers: { "Accept-Encoding": "gzip" } });
    const bytes = new Uint8Array(await r.arrayBuffer());
    expect(r.status).toBe(200);
    expect(r.headers.get("content-length")).toBe(String(check.update_info.package_size));
    expect(r.headers.get("content-encoding")).toBe("identity");
    expect(Array.from(bytes.subarray(0, 4))).toEqual([0x50, 0x4b, 0x03, 0x04]);
    expect((await fetch(`${server.url}/storage/packages/nope`)).status).toBe(404);
    expect((await fetch(`${server.url}/storage/..%2F..%2Fetc%2Fpasswd`)).status).toBe(400);
  });

  it("answers reports with 200 OK, and 400 for an unparsable or oversized body", async () => {
    const post = (path: string, body: string) => fetch(`${server.url}${path}`, { method: "POST", headers: { "Content-Type": "application/json" }, body });
    const ok = await post("/reportStatus/deploy", JSON.stringify({ deploymentKey: keys.Staging, appVersion: "1.0.0", clientUniqueId: "device-1" }));
    expect([ok.status, await ok.text()]).toEqual([200, "OK"]);
    const bad = await post("/v0.1/public/codepush/report_status/deploy", "{not json");
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain("not valid JSON");
    expect((await post("/v0.1/public/codepush/report_status/download", JSON.stringify({ deployment_key: keys.Staging, label: "v1", pad: "x".repeat(20_000) }))).status).toBe(413);
    expect((await post("/v0.1/public/codepush/report_status/download", "[]")).status).toBe(400);
  });

  it("answers CORS preflight and sets the CodePush CORS headers", async () => {
    const r = await fetch(`${server.url}/v0.1/public/codepush/update_check`, { method: "OPTIONS", headers: { Origin: "http://x", "Access-Control-Request-Method": "GET" } });
    expect(r.status).toBe(204);
    expect(r.headers.get("access-control-allow-headers")).toContain("X-CodePush-SDK-Version");
  });

  it("is healthy", async () => {
    expect(await (await fetch(`${server.url}/health`)).text()).toBe("Healthy");
  });
});

describe("management API", () => {
  it("refuses missing, malformed and unknown access keys with 401", async () => {
    expect((await fetch(`${server.url}/apps`)).status).toBe(401);
    expect((await fetch(`${server.url}/apps`, { headers: { Authorization: "Bearer short" } })).status).toBe(401);
    const unknown = await fetch(`${server.url}/apps`, { headers: { Authorization: "Bearer abcdefghijklmnopqrstuvwxyz0123" } });
    expect(unknown.status).toBe(401);
    expect(await unknown.text()).not.toContain("abcdefghijklmnopqrstuvwxyz0123");
  });

  it("revokes an access key on the very next request", async () => {
    const created = await fetch(`${server.url}/accessKeys`, { method: "POST", headers: { ...auth(), "Content-Type": "application/json" }, body: JSON.stringify({ friendlyName: "ci" }) });
    expect(created.status).toBe(201);
    const secret = ((await created.json()) as { accessKey: { name: string } }).accessKey.name;
    expect((await fetch(`${server.url}/authenticated`, { headers: { Authorization: `Bearer ${secret}` } })).status).toBe(200);
    const listed = (await (await fetch(`${server.url}/accessKeys`, { headers: auth() })).json()) as { accessKeys: Array<{ name: string }> };
    expect(listed.accessKeys.every((k) => k.name === "(hidden)")).toBe(true);
    expect((await fetch(`${server.url}/accessKeys/ci`, { method: "DELETE", headers: auth() })).status).toBe(204);
    expect((await fetch(`${server.url}/authenticated`, { headers: { Authorization: `Bearer ${secret}` } })).status).toBe(401);
  });

  it("expires an access key whose ttl is patched to 0", async () => {
    const created = await fetch(`${server.url}/accessKeys`, { method: "POST", headers: { ...auth(), "Content-Type": "application/json" }, body: JSON.stringify({ friendlyName: "short-lived" }) });
    const secret = ((await created.json()) as { accessKey: { name: string } }).accessKey.name;
    await fetch(`${server.url}/accessKeys/short-lived`, { method: "PATCH", headers: { ...auth(), "Content-Type": "application/json" }, body: JSON.stringify({ ttl: 0 }) });
    const r = await fetch(`${server.url}/authenticated`, { headers: { Authorization: `Bearer ${secret}` } });
    expect(r.status).toBe(401);
    expect(await r.text()).toContain("expired");
  });

  it("refuses an oversized upload with 413 and stores nothing", async () => {
    const before = (await server.store.list("")).length;
    const form = new FormData();
    form.append("package", new Blob([new Uint8Array(2 * 1024 * 1024)]), "big.zip");
    form.append("packageInfo", JSON.stringify({ appVersion: "1.0.0" }));
    const r = await fetch(`${server.url}/apps/shop/deployments/Staging/release`, { method: "POST", headers: auth(), body: form });
    expect(r.status).toBe(413);
    expect((await server.store.list("")).length).toBe(before);
  });

  it("names what is wrong in a malformed release request", async () => {
    const noFile = new FormData();
    noFile.append("packageInfo", JSON.stringify({ appVersion: "1.0.0" }));
    const r1 = await fetch(`${server.url}/apps/shop/deployments/Staging/release`, { method: "POST", headers: auth(), body: noFile });
    expect([r1.status, await r1.text()]).toEqual([400, expect.stringContaining('"package"')]);
    const badInfo = new FormData();
    badInfo.append("package", new Blob(["x"]), "index.android.bundle");
    badInfo.append("packageInfo", "{oops");
    const r2 = await fetch(`${server.url}/apps/shop/deployments/Staging/release`, { method: "POST", headers: auth(), body: badInfo });
    expect([r2.status, await r2.text()]).toEqual([400, expect.stringContaining("packageInfo")]);
    const notMultipart = await fetch(`${server.url}/apps/shop/deployments/Staging/release`, { method: "POST", headers: { ...auth(), "Content-Type": "application/json" }, body: "{}" });
    expect(notMultipart.status).toBe(400);
    const badJson = await fetch(`${server.url}/apps`, { method: "POST", headers: { ...auth(), "Content-Type": "application/json" }, body: "{" });
    expect([badJson.status, await badJson.text()]).toEqual([400, expect.stringContaining("JSON")]);
  });

  it("creates, renames and deletes deployments; 409 on duplicates", async () => {
    const json = { ...auth(), "Content-Type": "application/json" };
    const created = await fetch(`${server.url}/apps/shop/deployments`, { method: "POST", headers: json, body: JSON.stringify({ name: "Beta" }) });
    expect(created.status).toBe(201);
    expect((await fetch(`${server.url}/apps/shop/deployments`, { method: "POST", headers: json, body: JSON.stringify({ name: "Beta" }) })).status).toBe(409);
    const renamed = await fetch(`${server.url}/apps/shop/deployments/Beta`, { method: "PATCH", headers: json, body: JSON.stringify({ name: "Gamma" }) });
    expect(((await renamed.json()) as { deployment: { name: string } }).deployment.name).toBe("Gamma");
    expect((await fetch(`${server.url}/apps/shop/deployments/Gamma`, { method: "DELETE", headers: auth() })).status).toBe(204);
    expect((await fetch(`${server.url}/apps/shop/deployments/Gamma`, { headers: auth() })).status).toBe(404);
    expect((await fetch(`${server.url}/apps`, { method: "POST", headers: json, body: JSON.stringify({ name: "bad/name" }) })).status).toBe(400);
  });

  it("shows the deployment's latest package and the app with its deployments", async () => {
    const { deployment } = (await (await fetch(`${server.url}/apps/shop/deployments/Staging`, { headers: auth() })).json()) as { deployment: { key: string; package: { label: string; rollout: number } } };
    expect(deployment).toMatchObject({ key: keys.Staging, package: { label: "v1", rollout: 100 } });
    const { app } = (await (await fetch(`${server.url}/apps/shop`, { headers: auth() })).json()) as { app: { deployments: string[] } };
    expect(app.deployments).toEqual(["Production", "Staging"]);
  });
});
