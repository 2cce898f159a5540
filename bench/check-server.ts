/**
 * Benchmark target: the hotpatch HTTP server on the filesystem provider (what `npm start` runs), seeded
 * with 50 deployments × 20 releases. Prints one JSON line with its URL and the deployment keys, then
 * serves until killed. Counts object-store calls so the bench can show that warm checks make none.
 */
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { ObjectStore } from "@hotpatch/core";
import { makeZip, silentLogger } from "@hotpatch/core/testing";
import { startLocalServer } from "@hotpatch/cli/serve";

const APPS = 5;
const DEPLOYMENTS_PER_APP = 10;
const RELEASES = 20;

const dataDir = await mkdtemp(join(tmpdir(), "hotpatch-bench-"));
const server = await startLocalServer({ port: 0, dataDir, logger: silentLogger, cacheMaxAgeMs: 5_000 });
const { hotpatch } = server;
const keys: Array<{ key: string; label: string; hash: string }> = [];

for (let a = 0; a < APPS; a++) {
  await hotpatch.apps.create(`app${a}`, { manuallyProvisionDeployments: true });
  for (let d = 0; d < DEPLOYMENTS_PER_APP; d++) {
    const deployment = await hotpatch.apps.createDeployment(`app${a}`, `dep${d}`);
    let last = { label: "", hash: "" };
    for (let r = 0; r < RELEASES; r++) {
      const bytes = await makeZip([
        { name: "CodePush/index.android.bundle", data: `__d(function(){/* app ${a} dep ${d} release ${r} */},0,[]);` },
        { name: "CodePush/drawable-mdpi/logo.png", data: "PNG" },
      ]);
      const { release } = await hotpatch.upload.execute({
        appName: `app${a}`,
        deploymentName: `dep${d}`,
        bytes,
        fileName: "release.zip",
        options: { appVersion: r % 2 === 0 ? "1.0.0" : "^1.0.0", description: `release ${r}`, isMandatory: r % 5 === 0 },
      });
      // Devices sit on a middle release, so the check walks part of the history.
      if (r === RELEASES / 2) last = { label: release.label, hash: release.packageHash };
    }
    keys.push({ key: deployment.key, ...last });
  }
}

// Diff packages and bundle patches are built in the background after each release: let them finish so
// that the measurement sees only update checks.
await server.settle();

let storeCalls = 0;
const counted = server.store as ObjectStore & Record<string, unknown>;
for (const method of ["get", "openRead", "head", "put", "putIfAbsent", "delete", "list"] as const) {
  const original = counted[method].bind(counted) as (...args: unknown[]) => unknown;
  counted[method] = ((...args: unknown[]) => {
    storeCalls++;
    return original(...args);
  }) as never;
}
process.stdin.on("data", (chunk) => {
  // The bench asks for the count on stdin ("count\n") and reads the answer on stdout.
  if (chunk.toString().includes("count")) process.stdout.write(`${JSON.stringify({ storeCalls })}\n`);
});
process.stdout.write(`${JSON.stringify({ url: server.url, keys })}\n`);
