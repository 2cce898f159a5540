import { spawn, type ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";
import { makeZip } from "@hotpatch/core/testing";
import { afterEach, describe, expect, it } from "vitest";

const MAIN = fileURLToPath(new URL("../src/main.ts", import.meta.url));

interface Started {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

/** Runs the example's program as `npm start` does, with exactly `env` (plus PATH), collecting everything it prints. */
function run(env: Record<string, string>): Started {
  const child = spawn(process.execPath, ["--import", "tsx", MAIN], { env: { PATH: process.env.PATH ?? "", ...env }, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  return { child, output: () => output, exited };
}

async function until<T>(what: string, probe: () => T | undefined, started: Started, ms = 20_000): Promise<T> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    const found = probe();
    if (found !== undefined) return found;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`no ${what} within ${ms} ms; output:\n${started.output()}`);
}

let running: Started | undefined;
afterEach(async () => {
  if (running && running.child.exitCode === null) {
    running.child.kill("SIGTERM");
    await running.exited;
  }
  running = undefined;
});

describe("examples/local-server (what `npm start` runs)", () => {
  it("starts on the memory provider, prints its URL and a first access key once, and serves a release end to end", async () => {
    running = run({ HOTPATCH_PORT: "0", HOTPATCH_DATA_DIR: ":memory:" });
    const started = running;
    const url = await until("URL", () => /hotpatch is running at (http:\/\/127\.0\.0\.1:\d+)/.exec(started.output())?.[1], started);
    const key = await until("access key", () => /Access key \(shown once, keep it secret\):\n\n {4}(\S+)/.exec(started.output())?.[1], started);
    expect(started.output()).toContain("data: in memory");

    const auth = { Authorization: `Bearer ${key}` };
    expect((await fetch(`${url}/apps`, { method: "POST", headers: { ...auth, "Content-Type": "application/json" }, body: JSON.stringify({ name: "shop" }) })).status).toBe(201);
    const { deployments } = (await (await fetch(`${url}/apps/shop/deployments`, { headers: auth })).json()) as { deployments: Array<{ name: string; key: string }> };
    const form = new FormData();
    form.append("package", new Blob([Uint8Array.from(await makeZip([{ name: "CodePush/index.android.bundle", data: "v1" }]))]), "v1.zip");
    form.append("packageInfo", JSON.stringify({ appVersion: "1.0.0" }));
    expect((await fetch(`${url}/apps/shop/deployments/Staging/release`, { method: "POST", headers: auth, body: form })).status).toBe(201);
    const staging = deployments.find((d) => d.name === "Staging")?.key ?? "";
    const check = (await (await fetch(`${url}/v0.1/public/codepush/update_check?deployment_key=${staging}&app_version=1.0.0`)).json()) as { update_info: { is_available: boolean; download_url: string } };
    expect(check.update_info.is_available).toBe(true);
    expect((await fetch(check.update_info.download_url)).status).toBe(200);

    started.child.kill("SIGTERM");
    expect(await started.exited).toBe(0);
  });

  it("keeps every secret out of its output and logs, at debug level, whatever requests arrive", async () => {
    const secrets = { HOTPATCH_ACCESS_KEY: "configured_secret_key_0001", HOTPATCH_SIGNING_SECRET: "download-signing-secret-0001" };
    running = run({ HOTPATCH_PORT: "0", HOTPATCH_DATA_DIR: ":memory:", HOTPATCH_LOG_LEVEL: "debug", HOTPATCH_CA_APPS: JSON.stringify({ "203753385": "gateway-secret-0001" }), HOTPATCH_CA_SCOPE: "device", ...secrets });
    const started = running;
    const url = await until("URL", () => /hotpatch is running at (http:\/\/127\.0\.0\.1:\d+)/.exec(started.output())?.[1], started);
    // The configured key works, a wrong one and an unsigned device call are refused: each may log.
    expect((await fetch(`${url}/authenticated`, { headers: { Authorization: `Bearer ${secrets.HOTPATCH_ACCESS_KEY}` } })).status).toBe(200);
    expect((await fetch(`${url}/authenticated`, { headers: { Authorization: `Bearer ${secrets.HOTPATCH_ACCESS_KEY}x` } })).status).toBe(401);
    expect((await fetch(`${url}/v0.1/public/codepush/update_check?deployment_key=x&app_version=1.0.0`)).status).toBe(401);
    await fetch(`${url}/apps`, { method: "POST", headers: { Authorization: `Bearer ${secrets.HOTPATCH_ACCESS_KEY}`, "Content-Type": "application/json" }, body: "{not json" });
    started.child.kill("SIGTERM");
    await started.exited;
    const output = started.output();
    expect(output).toContain("hotpatch is running at");
    expect(output).not.toContain("Access key (shown once"); // a configured key is never printed
    for (const value of [...Object.values(secrets), "gateway-secret-0001"]) expect(output).not.toContain(value);
  });

  it("fails at start-up on a misspelled or missing variable, naming it", async () => {
    running = run({ HOTPATCH_PORTT: "3000", HOTPATCH_PROVIDER: "aws", AWS_REGION: "eu-west-1" });
    expect(await running.exited).toBe(1);
    expect(running.output()).toContain("unknown variable HOTPATCH_PORTT (did you mean HOTPATCH_PORT?)");
    expect(running.output()).toContain("HOTPATCH_BUCKET (storage.bucket) is missing");
    expect(running.output()).not.toContain("    at "); // a message for a person, not a stack trace
  });
});
