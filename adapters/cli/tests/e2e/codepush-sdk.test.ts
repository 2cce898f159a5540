import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { computePackageHash } from "@hotpatch/core";
import { manifestOf, silentLogger, unzipToMap } from "@hotpatch/core/testing";
import { startLocalServer, type LocalServer } from "../../src/serve/local-server.js";
import { runHotpatch } from "../unit/support/run-cli.js";
import { AcquisitionStatus, Device, type RemotePackage } from "./codepush-sdk-client.js";
import { codePushFolder, folderHash } from "./rn-fixtures.js";

/**
 * The main job end to end, as a team and its devices do it: the `hotpatch` CLI releases real Metro
 * bundles to the server `npm start` runs (filesystem provider), and the real CodePush acquisition SDK
 * (npm `code-push` 4.2.3, as in react-native-code-push 9) checks, downloads, verifies and reports.
 */
let server: LocalServer;
let dataDir: string;
let env: Record<string, string>;
const keys: Record<string, string> = {};

async function cli(...argv: string[]): Promise<unknown> {
  const run = await runHotpatch([...argv, "--json"], env);
  if (run.code !== 0) throw new Error(`hotpatch ${argv.join(" ")} failed: ${run.stderr}`);
  return JSON.parse(run.stdout);
}

/** What a device does with an update: download, check the bytes, unzip, recompute the hash. */
async function downloadAndVerify(update: RemotePackage): Promise<Map<string, Buffer>> {
  const response = await fetch(update.downloadUrl, { headers: { "Accept-Encoding": "identity" } });
  expect(response.status).toBe(200);
  const bytes = Buffer.from(await response.arrayBuffer());
  expect(Number(response.headers.get("content-length"))).toBe(bytes.length);
  expect(bytes.length).toBe(update.packageSize);
  expect([...bytes.subarray(0, 4)]).toEqual([0x50, 0x4b, 0x03, 0x04]);
  const files = await unzipToMap(bytes);
  expect(computePackageHash(manifestOf(files))).toBe(update.packageHash);
  return files;
}

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), "hotpatch-e2e-"));
  server = await startLocalServer({ port: 0, dataDir, logger: silentLogger });
  env = { HOTPATCH_SERVER: server.url, HOTPATCH_ACCESS_KEY: server.createdAccessKey as string, HOTPATCH_HOME: dataDir };
  await cli("app", "add", "FixtureShop");
  const { deployments } = (await cli("deployment", "ls", "FixtureShop", "-k")) as { deployments: Array<{ name: string; key: string }> };
  for (const d of deployments) keys[d.name] = d.key;
});

afterAll(async () => {
  await server?.close();
  await rm(dataDir, { recursive: true, force: true });
});

describe("real CodePush SDK against the local server, with real Metro bundles", () => {
  it("releases v1–v3 (Android) and a device follows each: check, download, verify, report", async () => {
    const device = new Device(server.url, keys.Staging as string, "1.0.0", "android-device-1");
    expect(await device.check({})).toBeNull();
    await device.reportDeploy(undefined, undefined); // first run of the store build

    let current: RemotePackage | undefined;
    for (const version of ["v1", "v2", "v3"]) {
      const folder = await codePushFolder(version, "android");
      const released = (await cli("release", "FixtureShop", folder, "1.0.0", "-d", "Staging", "--description", `fixture ${version}`)) as { package: { label: string; packageHash: string } };
      expect(released.package.packageHash).toBe(await folderHash(folder));

      const update = (await device.check(current ? { label: current.label, packageHash: current.packageHash } : {})) as RemotePackage;
      expect(update).toMatchObject({
        deploymentKey: keys.Staging,
        label: released.package.label,
        appVersion: "1.0.0",
        description: `fixture ${version}`,
        packageHash: await folderHash(folder),
        isMandatory: false,
      });
      const files = await downloadAndVerify(update);
      expect(files.has("CodePush/index.android.bundle")).toBe(true);
      expect(files.has("CodePush/drawable-mdpi/src_assets_logo.png")).toBe(true);
      await device.reportDownload(update);
      await device.reportDeploy(update, AcquisitionStatus.DeploymentSucceeded, current ? `${keys.Staging}:${current.label}` : "1.0.0");
      current = update;
      expect(await device.check({ label: current.label, packageHash: current.packageHash })).toBeNull();
    }

    const { metrics } = (await cli("metrics", "FixtureShop", "Staging")) as { metrics: Record<string, { active: number; installed?: number; downloaded?: number }> };
    expect(metrics.v1).toMatchObject({ downloaded: 1, installed: 1 });
    expect(metrics.v3).toMatchObject({ active: 1, downloaded: 1, installed: 1 });
  });

  it("serves iOS packages with the assets/node_modules tree and offers nothing newer than the running bundle", async () => {
    await cli("app", "add", "FixtureShopIOS");
    const { deployments } = (await cli("deployment", "ls", "FixtureShopIOS", "-k")) as { deployments: Array<{ name: string; key: string }> };
    const key = deployments.find((d) => d.name === "Production")?.key as string;
    const folder = await codePushFolder("v2", "ios");
    await cli("release", "FixtureShopIOS", folder, "^1.0.0", "-d", "Production");

    // iOS on the binary sends the hash of its bundled JS + assets: the v1 binary gets v2.
    const device = new Device(server.url, key, "1.0.0", "ios-device-1");
    const v1Binary = await folderHash(await codePushFolder("v1", "ios"));
    const update = (await device.check({ packageHash: v1Binary })) as RemotePackage;
    expect(update).toMatchObject({ label: "v1", appVersion: "1.0.0", packageHash: await folderHash(folder) });
    const files = await downloadAndVerify(update);
    const fromPackages = [...files.keys()].filter((p) => p.startsWith("CodePush/assets/node_modules/@react-navigation/elements/"));
    expect(fromPackages).toHaveLength(13);
    expect(files.has("CodePush/main.jsbundle")).toBe(true);

    // A binary that already carries v2's exact bundle is up to date.
    expect(await device.check({ packageHash: await folderHash(folder) })).toBeNull();
    // A newer store build outside the range runs its own bundle.
    expect(await new Device(server.url, key, "2.0.0", "ios-device-2").check({})).toBeNull();
  });

  it("promotes Staging to Production and rolls back, and devices follow", async () => {
    const promoted = (await cli("promote", "FixtureShop", "Staging", "Production")) as { package: { label: string; packageHash: string; originalLabel: string } };
    expect(promoted.package).toMatchObject({ label: "v1", originalLabel: "v3" });
    const device = new Device(server.url, keys.Production as string, "1.0.0", "android-device-2");
    const first = (await device.check({})) as RemotePackage;
    expect(first).toMatchObject({ label: "v1", packageHash: promoted.package.packageHash });
    await downloadAndVerify(first);

    await cli("release", "FixtureShop", await codePushFolder("v4", "android"), "1.0.0", "-d", "Staging", "--mandatory");
    const second = (await cli("promote", "FixtureShop", "Staging", "Production")) as { package: { label: string; packageHash: string } };
    const onV2 = (await device.check({ label: first.label, packageHash: first.packageHash })) as RemotePackage;
    expect(onV2).toMatchObject({ label: second.package.label, isMandatory: true });
    await downloadAndVerify(onV2);

    // v4 turns out bad: roll Production back; a device on it receives v1's content under a new label.
    const rolledBack = (await cli("rollback", "FixtureShop", "Production")) as { package: { label: string; packageHash: string; releaseMethod: string } };
    expect(rolledBack.package).toMatchObject({ label: "v3", packageHash: first.packageHash, releaseMethod: "Rollback" });
    const back = (await device.check({ label: onV2.label, packageHash: onV2.packageHash })) as RemotePackage;
    expect(back).toMatchObject({ label: "v3", packageHash: first.packageHash });
    await downloadAndVerify(back);
    await device.reportDeploy(onV2, AcquisitionStatus.DeploymentFailed);

    const { history } = (await cli("history", "FixtureShop", "Production")) as { history: Array<{ label: string; releaseMethod: string }> };
    expect(history.map((h) => `${h.label}:${h.releaseMethod}`)).toEqual(["v1:Promote", "v2:Promote", "v3:Rollback"]);
    const { metrics } = (await cli("metrics", "FixtureShop", "Production")) as { metrics: Record<string, { failed?: number }> };
    expect(metrics.v2).toMatchObject({ failed: 1 });
  });

  it("reports a newer binary to an older app through the SDK's binary-mismatch answer", async () => {
    await cli("app", "add", "MismatchApp");
    const { deployments } = (await cli("deployment", "ls", "MismatchApp", "-k")) as { deployments: Array<{ name: string; key: string }> };
    const key = deployments.find((d) => d.name === "Staging")?.key as string;
    await cli("release", "MismatchApp", await codePushFolder("v3", "android"), "1.1.0", "-d", "Staging");
    const old = new Device(server.url, key, "1.0.0", "old-binary");
    expect(await old.check({})).toEqual({ updateAppVersion: true, appVersion: "1.1.0" });
  });
});
