/**
 * Cold init of the bundled HTTP handler, measured in a fresh Node process per run: `import()` of
 * dist/http/index.mjs, then the first update check (which composes the instance: opens the OSS store,
 * checks bucket versioning, reads the registry and history), then a warm check. OSS is the emulator on
 * 127.0.0.1, so network latency to a real region is not in the figures. Not a test: prints numbers only.
 */
import { execFile } from "node:child_process";
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { promisify } from "node:util";
import { createHotpatch } from "@hotpatch/core";
import { makeZip, silentLogger } from "@hotpatch/core/testing";
import { requestToFc3Event } from "@hotpatch/fc/testing";
import { OssObjectStore } from "@hotpatch/provider-alibaba";
import { DEFAULT_EMULATOR_ACCOUNT, startOssEmulator } from "@hotpatch/provider-alibaba/testing";
import { bundleHandlers } from "./bundle.js";
import { DIST_DIR } from "./handlers.js";

const RUNS = 5;
const run = promisify(execFile);

const CHILD = `
const started = performance.now();
const { handler } = await import(process.env.BUNDLE);
const imported = performance.now();
const event = Buffer.from(process.env.EVENT, "base64");
const context = { requestId: "measure", function: { name: "hotpatch-http", handler: "index.handler", memory: 512, timeout: 30 }, region: "cn-hangzhou", credentials: JSON.parse(process.env.CREDENTIALS) };
const first = await handler(event, context);
const checked = performance.now();
const second = await handler(event, context);
const warm = performance.now();
console.log(JSON.stringify({ importMs: imported - started, firstCheckMs: checked - imported, warmCheckMs: warm - checked, status: [first.statusCode, second.statusCode], available: JSON.parse(first.body).update_info.is_available }));
`;

const reports = await bundleHandlers();
const emulator = await startOssEmulator({ buckets: ["hotpatch-measure"] });
try {
  const store = await OssObjectStore.open({ bucket: "hotpatch-measure", region: emulator.region, endpoint: emulator.url, pathStyle: true, credentials: DEFAULT_EMULATOR_ACCOUNT });
  const hotpatch = createHotpatch({ store, logger: silentLogger });
  const view = await hotpatch.apps.create("shop");
  const key = view.deployments.find((d) => d.name === "Production")!.key;
  const bytes = await makeZip([{ name: "CodePush/index.android.bundle", data: "x".repeat(200_000) }]);
  await hotpatch.upload.execute({ appName: "shop", deploymentName: "Production", bytes, fileName: "release.zip", options: { appVersion: "1.0.0" } });
  const event = await requestToFc3Event(new Request(`https://hotpatch.example.test/v0.1/public/codepush/update_check?deployment_key=${key}&app_version=1.0.0&client_unique_id=measure`));
  const child = join(DIST_DIR, "measure-child.mjs");
  await writeFile(child, CHILD);
  const env = {
    PATH: process.env.PATH ?? "",
    BUNDLE: join(DIST_DIR, "http", "index.mjs"),
    EVENT: event.toString("base64"),
    CREDENTIALS: JSON.stringify(DEFAULT_EMULATOR_ACCOUNT),
    HOTPATCH_BUCKET: "hotpatch-measure",
    HOTPATCH_OSS_REGION: emulator.region,
    HOTPATCH_OSS_ENDPOINT: emulator.url,
    HOTPATCH_OSS_PATH_STYLE: "true",
    HOTPATCH_LOG_LEVEL: "warn",
  };
  const samples: Array<{ importMs: number; firstCheckMs: number; warmCheckMs: number; status: number[]; available: boolean }> = [];
  for (let i = 0; i < RUNS; i++) {
    const { stdout } = await run(process.execPath, [child], { env });
    samples.push(JSON.parse(stdout.trim().split("\n").at(-1) as string));
  }
  if (samples.some((s) => s.status.some((status) => status !== 200) || !s.available)) throw new Error(`a check failed: ${JSON.stringify(samples)}`);
  const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;
  for (const { name, bytes } of reports) console.log(`bundle ${name.padEnd(12)} ${(bytes / 1024).toFixed(1)} KiB`);
  console.log(`cold init (median of ${RUNS} fresh processes, OSS emulator on 127.0.0.1):`);
  console.log(`  import of dist/http/index.mjs   ${median(samples.map((s) => s.importMs)).toFixed(1)} ms`);
  console.log(`  first update check (composes)   ${median(samples.map((s) => s.firstCheckMs)).toFixed(1)} ms`);
  console.log(`  import + first check            ${median(samples.map((s) => s.importMs + s.firstCheckMs)).toFixed(1)} ms`);
  console.log(`  warm update check               ${median(samples.map((s) => s.warmCheckMs)).toFixed(1)} ms`);
} finally {
  await emulator.close();
}
