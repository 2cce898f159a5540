/**
 * Cold init of the bundled HTTP handler, in-process: a fresh Node process imports `dist/http/http.mjs`
 * (module load = Lambda's init phase) and answers one update check (composition + first S3 reads),
 * against s3rver on 127.0.0.1 holding an app with one release. Baseline, measured in the same run: the
 * same process's next (warm) check, and the start of an empty Node process.
 *
 *   npm run bench -w @hotpatch/example-aws-lambda
 */
import { spawn } from "node:child_process";
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { makeZip } from "@hotpatch/core/testing";
import { API_SHAPES, apiGatewayV2Event } from "@hotpatch/lambda/testing";
import { S3RVER_CREDENTIALS, startS3TestServer } from "@hotpatch/provider-aws/testing";
import { createLambdaRuntime } from "@hotpatch/lambda";
import { silentLogger } from "@hotpatch/core/testing";
import { bundleHandlers, EXAMPLE_DIR, kib } from "../scripts/bundle-handlers.js";

const RUNS = 7;

interface Sample {
  importMs: number;
  firstCheckMs: number;
  warmCheckMs: number;
}

const CHILD = `
const t0 = performance.now();
const { handler } = await import(process.env.BUNDLE);
const t1 = performance.now();
const event = JSON.parse(process.env.EVENT);
const context = { awsRequestId: "bench", functionName: "hotpatch-http", getRemainingTimeInMillis: () => 30000 };
const first = await handler(event, context);
const t2 = performance.now();
const warm = await handler(event, context);
const t3 = performance.now();
if (first.statusCode !== 200 || warm.statusCode !== 200) { console.error(first, warm); process.exit(1); }
process.stdout.write(JSON.stringify({ importMs: t1 - t0, firstCheckMs: t2 - t1, warmCheckMs: t3 - t2 }));
`;

function run(args: string[], env: NodeJS.ProcessEnv): Promise<{ stdout: string; ms: number }> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, args, { env, stdio: ["ignore", "pipe", "inherit"] });
    let stdout = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.on("error", reject);
    child.on("exit", (code) => (code === 0 ? resolve({ stdout, ms: performance.now() - started }) : reject(new Error(`child exited with ${code}`))));
  });
}

const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN;

const [http] = await bundleHandlers();
if (!http) throw new Error("no HTTP bundle");
const server = await startS3TestServer();
try {
  const store = await server.store();
  const seed = createLambdaRuntime({ store, logger: silentLogger, hotpatch: { diffs: { enabled: false } } });
  const app = await seed.hotpatch.apps.create("shop");
  const deploymentKey = app.deployments.find((d) => d.name === "Production")?.key ?? "";
  const bytes = await makeZip([{ name: "CodePush/index.android.bundle", data: "console.log('bench')".repeat(2000) }]);
  await seed.hotpatch.upload.execute({ appName: "shop", deploymentName: "Production", bytes, fileName: "b.zip", options: { appVersion: "1.0.0" } });

  const query = new URLSearchParams({ deployment_key: deploymentKey, app_version: "1.0.0", client_unique_id: "bench-device" });
  const event = await apiGatewayV2Event(new Request(`${API_SHAPES["http-api-v2"].origin}/v0.1/public/codepush/update_check?${query}`), API_SHAPES["http-api-v2"]);
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    AWS_REGION: "us-east-1",
    AWS_ACCESS_KEY_ID: S3RVER_CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: S3RVER_CREDENTIALS.secretAccessKey,
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true",
    HOTPATCH_BUCKET: store.bucket,
    HOTPATCH_ENDPOINT: server.endpoint,
    HOTPATCH_LOG_LEVEL: "warn",
    BUNDLE: http.path,
    EVENT: JSON.stringify(event),
  };
  const childFile = join(EXAMPLE_DIR, "dist", "cold-init-child.mjs");
  await writeFile(childFile, CHILD);

  const samples: Sample[] = [];
  const emptyStarts: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    emptyStarts.push((await run(["-e", ""], env)).ms);
    samples.push(JSON.parse((await run([childFile], env)).stdout) as Sample);
  }
  const importMs = median(samples.map((s) => s.importMs));
  const firstCheckMs = median(samples.map((s) => s.firstCheckMs));
  const warmCheckMs = median(samples.map((s) => s.warmCheckMs));
  const lines = [
    `HTTP handler bundle: ${kib(http.bytes)} (gzip ${kib(http.gzipBytes)}), Node ${process.version}, median of ${RUNS} fresh processes`,
    `  import (init)              ${importMs.toFixed(1).padStart(7)} ms`,
    `  first update check         ${firstCheckMs.toFixed(1).padStart(7)} ms   (composition + registry and history reads from S3)`,
    `  cold init = import + first ${(importMs + firstCheckMs).toFixed(1).padStart(7)} ms`,
    `  warm check (baseline)      ${warmCheckMs.toFixed(1).padStart(7)} ms   → cold/warm ${((importMs + firstCheckMs) / warmCheckMs).toFixed(1)}×`,
    `  empty Node start (baseline)${median(emptyStarts).toFixed(1).padStart(7)} ms`,
  ];
  process.stdout.write(`${lines.join("\n")}\n`);
} finally {
  await server.close();
}
