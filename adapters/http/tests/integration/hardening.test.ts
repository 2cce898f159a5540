import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeZip } from "@hotpatch/core/testing";
import { startTestServer, type TestServer } from "./server-fixture.js";

let server: TestServer;
let stagingKey: string;
let downloadPath: string;
const auth = () => ({ Authorization: `Bearer ${server.accessKey}` });
const json = () => ({ ...auth(), "Content-Type": "application/json" });

beforeAll(async () => {
  server = await startTestServer();
  // code-push-standalone sends some routes with a trailing slash.
  const created = await fetch(`${server.url}/apps/`, { method: "POST", headers: json(), body: JSON.stringify({ name: "shop" }) });
  expect(created.status).toBe(201);
  const { deployments } = (await (await fetch(`${server.url}/apps/shop/deployments/`, { headers: auth() })).json()) as { deployments: Array<{ name: string; key: string }> };
  stagingKey = deployments.find((d) => d.name === "Staging")?.key as string;
  const form = new FormData();
  form.append("package", new Blob([Uint8Array.from(await makeZip([{ name: "CodePush/index.android.bundle", data: "one" }]))]), "r.zip");
  form.append("packageInfo", JSON.stringify({ appVersion: "1.0.0" }));
  const released = (await (await fetch(`${server.url}/apps/shop/deployments/Staging/release`, { method: "POST", headers: auth(), body: form })).json()) as { package: { blobUrl: string } };
  downloadPath = new URL(released.package.blobUrl).pathname;
});
afterAll(() => server.close());

describe("what /storage serves", () => {
  it("serves packages, but never the registry, histories or metrics", async () => {
    expect((await fetch(`${server.url}${downloadPath}`)).status).toBe(200);
    const keys = (await server.store.list("")).map((o) => o.key);
    const privateKeys = keys.filter((k) => !k.startsWith("packages/"));
    expect(privateKeys.some((k) => k.startsWith("registry/"))).toBe(true);
    for (const key of privateKeys) expect((await fetch(`${server.url}/storage/${key}`)).status, key).toBe(404);
  });

  it("answers HEAD with the headers of the download and no body", async () => {
    const head = await fetch(`${server.url}${downloadPath}`, { method: "HEAD" });
    expect(head.status).toBe(200);
    expect(Number(head.headers.get("content-length"))).toBeGreaterThan(0);
    expect((await head.arrayBuffer()).byteLength).toBe(0);
  });
});

describe("routing and caching", () => {
  it("answers unknown routes and wrong methods with 404, not an auth error", async () => {
    for (const [method, path] of [["GET", "/nope"], ["POST", "/v0.1/public/codepush/update_check"], ["DELETE", downloadPath]] as const) {
      const r = await fetch(`${server.url}${path}`, { method });
      expect(r.status, `${method} ${path}`).toBe(404);
    }
  });

  it("marks update checks as not cacheable", async () => {
    const r = await fetch(`${server.url}/v0.1/public/codepush/update_check?deployment_key=${stagingKey}&app_version=1.0.0`);
    expect(r.headers.get("cache-control")).toBe("no-cache");
  });

  it("accepts trailing slashes on management routes", async () => {
    expect((await fetch(`${server.url}/accessKeys/`, { method: "POST", headers: json(), body: JSON.stringify({ friendlyName: "slash" }) })).status).toBe(201);
    expect((await fetch(`${server.url}/apps/shop/deployments/`, { method: "POST", headers: json(), body: JSON.stringify({ name: "Beta" }) })).status).toBe(201);
  });
});

describe("input the server refuses", () => {
  it.each([[".."], ["."], [" lead"], ["trail "], [123]])("refuses the app name %j", async (name) => {
    const r = await fetch(`${server.url}/apps`, { method: "POST", headers: json(), body: JSON.stringify({ name }) });
    expect(r.status).toBe(400);
  });

  it("refuses report labels that are not v<N>, and legacy reports without a client id", async () => {
    const post = (body: object, sdk = "4.2.3") =>
      fetch(`${server.url}/v0.1/public/codepush/report_status/deploy`, { method: "POST", headers: { "Content-Type": "application/json", "X-CodePush-SDK-Version": sdk }, body: JSON.stringify(body) });
    expect((await post({ deployment_key: stagingKey, app_version: "1.0.0", label: "<script>", status: "DeploymentSucceeded" })).status).toBe(400);
    expect((await post({ deployment_key: stagingKey, app_version: "1.0.0" }, "^3.1.0")).status).toBe(400);
    expect((await post({ deployment_key: stagingKey, app_version: "1.0.0", client_unique_id: "d" }, "^3.1.0")).status).toBe(200);
    // An empty camelCase value falls through to the snake_case one, as for update checks.
    expect((await post({ deploymentKey: "", deployment_key: stagingKey, app_version: "1.0.0" })).status).toBe(200);
  });

  it("never lets a deployment key double as an access key", async () => {
    const r = await fetch(`${server.url}/apps/shop/deployments`, { method: "POST", headers: json(), body: JSON.stringify({ name: "Sneaky", key: server.accessKey }) });
    expect(r.status).toBe(409);
  });
});
