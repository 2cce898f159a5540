/**
 * `npm run bench`: update-check throughput and latency of the hotpatch HTTP server against a bare
 * node:http server answering a fixed JSON, measured in the same run on loopback with autocannon.
 * Each server runs in its own process; autocannon runs here.
 */
import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import { once } from "node:events";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import autocannon from "autocannon";

const DURATION_S = Number(process.env.BENCH_DURATION ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 32);

interface Started {
  child: ChildProcessWithoutNullStreams;
  first: Record<string, unknown>;
  nextLine: () => Promise<string>;
}

async function start(script: string): Promise<Started> {
  const child = spawn(process.execPath, ["--import", "tsx", fileURLToPath(new URL(script, import.meta.url))], { stdio: "pipe" });
  child.stderr.pipe(process.stderr);
  const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  const nextLine = async () => {
    const { value, done } = await lines.next();
    if (done) throw new Error(`${script} exited before answering`);
    return value as string;
  };
  return { child, first: JSON.parse(await nextLine()) as Record<string, unknown>, nextLine };
}

async function measure(name: string, requests: autocannon.Request[], url: string) {
  const base = { url, connections: CONNECTIONS, pipelining: 1, requests };
  await autocannon({ ...base, duration: 2 }); // warm-up: JIT, caches, sockets
  const result = await autocannon({ ...base, duration: DURATION_S });
  if (result.non2xx > 0 || result.errors > 0) throw new Error(`${name}: ${result.non2xx} non-2xx answers, ${result.errors} errors`);
  return { name, rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, total: result.requests.total };
}

const hot = await start("./check-server.ts");
const baseline = await start("./baseline-server.ts");
try {
  const keys = hot.first.keys as Array<{ key: string; label: string; hash: string }>;
  const checkRequests = keys.flatMap(({ key, label, hash }) => [
    { method: "GET" as const, path: `/v0.1/public/codepush/update_check?deployment_key=${key}&app_version=1.0.0&package_hash=${hash}&label=${label}&client_unique_id=bench-device` },
    { method: "GET" as const, path: `/v0.1/public/codepush/update_check?deployment_key=${key}&app_version=1.0.0&client_unique_id=fresh-install` },
  ]);
  hot.child.stdin.write("count\n");
  const before = (JSON.parse(await hot.nextLine()) as { storeCalls: number }).storeCalls;
  const hotResult = await measure("hotpatch update_check", checkRequests, hot.first.url as string);
  hot.child.stdin.write("count\n");
  const storeCalls = (JSON.parse(await hot.nextLine()) as { storeCalls: number }).storeCalls - before;
  const baseResult = await measure("bare node:http fixed JSON", [{ method: "GET", path: "/v0.1/public/codepush/update_check" }], baseline.first.url as string);

  const row = (r: typeof hotResult) => `${r.name.padEnd(28)} ${r.rps.toFixed(0).padStart(8)} req/s   p50 ${String(r.p50).padStart(3)} ms   p99 ${String(r.p99).padStart(3)} ms`;
  console.log(`\nupdate check, ${keys.length} deployments × 20 releases, ${CONNECTIONS} connections, ${DURATION_S} s, loopback`);
  console.log(row(hotResult));
  console.log(row(baseResult));
  console.log(`ratio hotpatch / baseline: ${(hotResult.rps / baseResult.rps).toFixed(2)} × throughput`);
  console.log(`object-store calls during ${hotResult.total} checks: ${storeCalls} (cache refreshes only, never per request)`);
} finally {
  hot.child.kill();
  baseline.child.kill();
  await Promise.all([once(hot.child, "exit"), once(baseline.child, "exit")]);
}
