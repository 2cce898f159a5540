import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { computePackageHash } from "@hotpatch/core";
import { manifestOf, silentLogger, unzipToMap } from "@hotpatch/core/testing";
import { startLocalServer, type LocalServer } from "../../src/serve/local-server.js";
import { runHotpatch } from "../unit/support/run-cli.js";
import { Device, type RemotePackage } from "./codepush-sdk-client.js";
import { codePushFolder, filesOf, folderHash, type Platform } from "./rn-fixtures.js";

/**
 * Diff packages with the real CodePush SDK and real Metro bundles: a device on the older release gets a
 * diff, applies it as react-native-code-push does (copy the current package, delete `deletedFiles`,
 * overlay the diff) and the result hashes to the announced package hash.
 */
const sizes: string[] = [];
let server: LocalServer;
let dataDir: string;
let env: Record<string, string>;

async function cli(...argv: string[]): Promise<unknown> {
  const run = await runHotpatch([...argv, "--json"], env);
  if (run.code !== 0) throw new Error(`hotpatch ${argv.join(" ")} failed: ${run.stderr}`);
  return JSON.parse(run.stdout);
}

/** What the native layer does with a diff (codepush.md §2.4). */
function applyDiff(current: Map<string, Buffer>, diff: Map<string, Buffer>): Map<string, Buffer> {
  const result = new Map(current);
  const meta = diff.get("hotcodepush.json");
  if (!meta) throw new Error("not a diff package: no hotcodepush.json");
  for (const path of (JSON.parse(meta.toString()) as { deletedFiles: string[] }).deletedFiles) result.delete(path);
  for (const [path, data] of diff) if (path !== "hotcodepush.json") result.set(path, data);
  return result;
}

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), "hotpatch-diffs-"));
  server = await startLocalServer({ port: 0, dataDir: ":memory:", logger: silentLogger });
  env = { HOTPATCH_SERVER: server.url, HOTPATCH_ACCESS_KEY: server.createdAccessKey as string, HOTPATCH_HOME: dataDir };
  await cli("app", "add", "FixtureShop");
});

afterAll(async () => {
  if (process.env.HOTPATCH_PRINT_DIFF_SIZES) console.log(sizes.join("\n"));
  await server?.close();
  await rm(dataDir, { recursive: true, force: true });
});

const pairs: Array<[string, string, Platform]> = [];
for (const platform of ["android", "ios"] as const) {
  for (const [from, to] of [["v1", "v2"], ["v1", "v3"], ["v1", "v4"], ["v2", "v3"], ["v3", "v4"]]) pairs.push([from as string, to as string, platform]);
}

describe("CodePush diff packages on real bundles, applied as the device does", () => {
  it.each(pairs)("%s → %s (%s)", async (from, to, platform) => {
    const deployment = `diff-${from}-${to}-${platform}`;
    const created = (await cli("deployment", "add", "FixtureShop", deployment)) as { deployment: { key: string } };
    const baseFolder = await codePushFolder(from, platform);
    const targetFolder = await codePushFolder(to, platform);
    const base = (await cli("release", "FixtureShop", baseFolder, "1.0.0", "-d", deployment)) as { package: { label: string; packageHash: string; size: number } };
    const target = (await cli("release", "FixtureShop", targetFolder, "1.0.0", "-d", deployment)) as { package: { size: number } };
    await server.settle();

    const device = new Device(server.url, created.deployment.key, "1.0.0", `device-${deployment}`);
    const update = (await device.check({ label: base.package.label, packageHash: base.package.packageHash })) as RemotePackage;
    expect(update.packageHash).toBe(await folderHash(targetFolder));
    expect(update.packageSize).toBeLessThan(target.package.size);
    sizes.push(`${from}→${to} ${platform}: diff ${update.packageSize} B of full ${target.package.size} B (${((100 * update.packageSize) / target.package.size).toFixed(1)} %)`);
    const response = await fetch(update.downloadUrl);
    const bytes = Buffer.from(await response.arrayBuffer());
    expect(bytes.length).toBe(update.packageSize);
    const diff = await unzipToMap(bytes);
    const applied = applyDiff(await filesOf(baseFolder), diff);
    expect(computePackageHash(manifestOf(applied))).toBe(update.packageHash);

    if (from === "v1" && to === "v2") {
      // The one-line hotfix: the diff holds only the changed bundle and hotcodepush.json.
      const bundle = platform === "android" ? "CodePush/index.android.bundle" : "CodePush/main.jsbundle";
      expect([...diff.keys()].sort()).toEqual([bundle, "hotcodepush.json"].sort());
      expect(JSON.parse((diff.get("hotcodepush.json") as Buffer).toString())).toEqual({ deletedFiles: [] });
    }
    // A fresh install (no label, no hash) still gets the full package.
    const fresh = (await device.check({})) as RemotePackage;
    expect(fresh.packageSize).toBe(target.package.size);
  });
});

describe("diffs against the bundle embedded in a store binary", () => {
  it.each([["v2"], ["v3"], ["v4"]])("an iOS device on the registered v1 binary gets a diff to %s", async (to) => {
    const app = `EmbeddedShop-${to}`;
    await cli("app", "add", app);
    const { deployments } = (await cli("deployment", "ls", app, "-k")) as { deployments: Array<{ name: string; key: string }> };
    const key = deployments.find((d) => d.name === "Production")?.key as string;
    const embedded = await codePushFolder("v1", "ios");
    // What the store build embeds: main.jsbundle + assets/ (a folder of any name).
    const registered = (await cli("binary", "add", app, "ios", "1.0.0", join(embedded))) as { binary: { packageHash: string } };
    const binaryHash = await folderHash(embedded);
    expect(registered.binary.packageHash).toBe(binaryHash);

    const targetFolder = await codePushFolder(to, "ios");
    const target = (await cli("release", app, targetFolder, "^1.0.0", "-d", "Production")) as { package: { size: number } };
    await server.settle();

    // iOS on the binary sends the hash of its bundled JS + assets; it synthesises CodePush/ from the app bundle.
    const device = new Device(server.url, key, "1.0.0", `embedded-${to}`);
    const update = (await device.check({ packageHash: binaryHash })) as RemotePackage;
    expect(update.packageSize).toBeLessThan(target.package.size);
    const diff = await unzipToMap(Buffer.from(await (await fetch(update.downloadUrl)).arrayBuffer()));
    expect(computePackageHash(manifestOf(applyDiff(await filesOf(embedded), diff)))).toBe(update.packageHash);
    expect(update.packageHash).toBe(await folderHash(targetFolder));
  });

  it("refuses a binary whose version is not exact or whose platform is unknown", async () => {
    const folder = await codePushFolder("v1", "ios");
    const bad = await runHotpatch(["binary", "add", "FixtureShop", "ios", "^1.0.0", folder], env);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain("exact version");
    const wrong = await runHotpatch(["binary", "add", "FixtureShop", "windows", "1.0.0", folder], env);
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toContain("ios or android");
  });
});
