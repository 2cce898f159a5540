import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeZip } from "@hotpatch/core/testing";
import { startFcOverOss, type FcOverOss } from "@hotpatch/fc/testing";
import type { Send } from "@hotpatch/http/testing";
import { lambdaAcceptanceFixture } from "@hotpatch/lambda/testing";
import { startS3TestServer, type S3TestServer } from "@hotpatch/provider-aws/testing";
import { startTestServer, type TestServer } from "../integration/server-fixture.js";

/**
 * Parity: the same requests, in the same order, get the same answers on every deployment target —
 * the local server (memory store, Node HTTP), Alibaba (FC handlers over ali-oss against the OSS
 * emulator, API Gateway events) and AWS (Lambda handlers over client-s3 against the S3 test server,
 * HTTP API events). Only what is environment by nature is normalised: the host and signature of
 * download URLs, timestamps, and server-generated ids.
 */
interface Target {
  name: string;
  baseUrl: string;
  accessKey: string;
  send: Send;
  settle: () => Promise<void>;
}

interface Answer {
  status: number;
  contentType: string | null;
  body: unknown;
}

const CANARY_KEY = "parity_canary_key_0000000001";
const targets: Target[] = [];
let local: TestServer;
let fc: FcOverOss;
let s3: S3TestServer;

/** Download URLs differ by host and signature only: keep what they point at. */
function normalise(value: unknown, key = ""): unknown {
  if (typeof value === "string" && /^https?:\/\//.test(value)) {
    const path = decodeURIComponent(new URL(value).pathname);
    const at = path.search(/(packages|diffs)\//);
    return at >= 0 ? `<blob:${path.slice(at)}>` : `<url>`;
  }
  if (typeof value === "number" && /time$|Time$|expires/.test(key)) return "<time>";
  if (key === "id") return "<id>";
  if (key === "releasedBy") return "<access key name>";
  if (Array.isArray(value)) return value.map((v) => normalise(v));
  if (value && typeof value === "object") {
    return Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, normalise(v, k)]));
  }
  return value;
}

async function ask(target: Target, method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Answer> {
  const init: RequestInit = { method, headers: { ...headers } };
  if (body instanceof FormData) init.body = body;
  else if (typeof body === "string") init.body = body;
  else if (body !== undefined) {
    init.body = JSON.stringify(body);
    (init.headers as Record<string, string>)["Content-Type"] = "application/json";
  }
  const response = await target.send(new Request(`${target.baseUrl}${path}`, init));
  const text = await response.text();
  const contentType = response.headers.get("content-type");
  let parsed: unknown = text;
  if (contentType?.includes("json")) parsed = JSON.parse(text);
  return { status: response.status, contentType: contentType?.split(";")[0] ?? null, body: normalise(parsed) };
}

async function releaseForm(content: string, packageInfo: object): Promise<FormData> {
  const form = new FormData();
  const zip = await makeZip([
    { name: "CodePush/index.android.bundle", data: content },
    { name: "CodePush/drawable-mdpi/logo.png", data: "x".repeat(4096) },
  ]);
  form.append("package", new Blob([Uint8Array.from(zip)]), "release.zip");
  form.append("packageInfo", JSON.stringify(packageInfo));
  return form;
}

/** Every step runs on every target; the answers must be equal. */
async function step(name: string, run: (t: Target) => Promise<Answer>): Promise<Answer> {
  const answers: Answer[] = [];
  for (const target of targets) answers.push(await run(target));
  for (let i = 1; i < answers.length; i++) {
    expect(answers[i], `${name}: ${targets[i]?.name} vs ${targets[0]?.name}`).toEqual(answers[0]);
  }
  return answers[0] as Answer;
}

beforeAll(async () => {
  local = await startTestServer();
  targets.push({ name: "local", baseUrl: local.url, accessKey: local.accessKey, send: (r) => fetch(r), settle: local.settle });
  fc = await startFcOverOss();
  targets.push({ name: "alibaba", baseUrl: fc.baseUrl, accessKey: fc.accessKey, send: fc.send, settle: async () => undefined });
  s3 = await startS3TestServer();
  const store = await s3.store();
  const lambda = await lambdaAcceptanceFixture({ store, bucket: store.bucket, http: "http-api-v2" });
  targets.push({ name: "aws", baseUrl: lambda.baseUrl, accessKey: lambda.accessKey, send: lambda.send, settle: async () => undefined });
});

afterAll(async () => {
  await local?.close();
  await fc?.close();
  await s3?.close();
});

describe("the same requests get the same responses on local, Alibaba and AWS", () => {
  it("management, releases, update checks, reports, promote, rollback and errors", async () => {
    expect(targets.map((t) => t.name)).toEqual(["local", "alibaba", "aws"]);
    const auth = (t: Target) => ({ Authorization: `Bearer ${t.accessKey}` });
    expect((await step("create app", (t) => ask(t, "POST", "/apps", { name: "parity" }, auth(t)))).status).toBe(201);
    await step("add a deployment with a chosen key", (t) => ask(t, "POST", "/apps/parity/deployments", { name: "Canary", key: CANARY_KEY }, auth(t)));
    await step("list deployments", (t) => ask(t, "GET", "/apps/parity/deployments/Canary", undefined, auth(t)));

    const v1 = await step("release v1", async (t) => {
      const answer = await ask(t, "POST", "/apps/parity/deployments/Canary/release", await releaseForm("one", { appVersion: "1.0.0", description: "first", isMandatory: true }), auth(t));
      await t.settle();
      return answer;
    });
    expect(v1.status).toBe(201);
    await step("release v2 at 50 %", async (t) => {
      const answer = await ask(t, "POST", "/apps/parity/deployments/Canary/release", await releaseForm("two", { appVersion: "^1.0.0", rollout: 50 }), auth(t));
      await t.settle();
      return answer;
    });
    await step("release onto an unfinished rollout", async (t) => ask(t, "POST", "/apps/parity/deployments/Canary/release", await releaseForm("three", { appVersion: "1.0.0" }), auth(t)));

    const v1Hash = ((v1.body as { package: { packageHash: string } }).package).packageHash;
    const checks = [
      `/v0.1/public/codepush/update_check?deployment_key=${CANARY_KEY}&app_version=1.0.0`,
      `/updateCheck?deploymentKey=${CANARY_KEY}&appVersion=1.0&packageHash=&isCompanion=&label=&clientUniqueId=`,
      `/v0.1/public/codepush/update_check?deployment_key=${CANARY_KEY}&app_version=1.0.0&label=v1&package_hash=${v1Hash}&client_unique_id=dev-7`,
      `/v0.1/public/codepush/update_check?deployment_key=${CANARY_KEY}&app_version=2.0.0`,
      `/v0.1/public/codepush/update_check?deployment_key=${CANARY_KEY}&app_version=0.9.0&is_companion=true`,
      `/v0.1/public/codepush/update_check?deployment_key=${CANARY_KEY}&app_version=1.2.3.4`,
      `/v0.1/public/codepush/update_check?deployment_key=short&app_version=1.0.0`,
      `/v0.1/public/codepush/update_check?deployment_key=unknown_key_0000000000&app_version=1.0.0`,
      ...Array.from({ length: 12 }, (_, i) => `/v0.1/public/codepush/update_check?deployment_key=${CANARY_KEY}&app_version=1.0.0&client_unique_id=device-${i}`),
    ];
    for (const path of checks) await step(`GET ${path}`, (t) => ask(t, "GET", path));

    const report = (body: string, sdk = "4.2.3") => (t: Target) =>
      ask(t, "POST", "/v0.1/public/codepush/report_status/deploy", body, { "Content-Type": "application/json", "X-CodePush-SDK-Version": sdk });
    await step("report deploy", report(JSON.stringify({ deployment_key: CANARY_KEY, app_version: "1.0.0", label: "v1", status: "DeploymentSucceeded", client_unique_id: "d1" })));
    await step("report deploy, malformed", report("{nope"));
    await step("report download", (t) => ask(t, "POST", "/reportStatus/download", JSON.stringify({ deploymentKey: CANARY_KEY, label: "v1" }), { "Content-Type": "application/json" }));

    await step("patch the rollout down", (t) => ask(t, "PATCH", "/apps/parity/deployments/Canary/release", { packageInfo: { label: "v2", rollout: 10 } }, auth(t)));
    await step("complete the rollout", (t) => ask(t, "PATCH", "/apps/parity/deployments/Canary/release", { packageInfo: { label: "v2", rollout: 100 } }, auth(t)));
    await step("promote", (t) => ask(t, "POST", "/apps/parity/deployments/Canary/promote/Production", { packageInfo: { label: "v1" } }, auth(t)));
    await step("rollback with one release", (t) => ask(t, "POST", "/apps/parity/deployments/Production/rollback", undefined, auth(t)));
    await step("rollback", async (t) => {
      const answer = await ask(t, "POST", "/apps/parity/deployments/Canary/rollback", undefined, auth(t));
      await t.settle();
      return answer;
    });
    await step("a device on the rolled-back release", (t) => ask(t, "GET", `/v0.1/public/codepush/update_check?deployment_key=${CANARY_KEY}&app_version=1.0.0&label=v2&package_hash=x`));
    await step("history", (t) => ask(t, "GET", "/apps/parity/deployments/Canary/history", undefined, auth(t)));
    await step("metrics", (t) => ask(t, "GET", "/apps/parity/deployments/Canary/metrics", undefined, auth(t)));
    await step("unknown app", (t) => ask(t, "GET", "/apps/nope", undefined, auth(t)));
    await step("no access key", (t) => ask(t, "GET", "/apps"));
  });
});
