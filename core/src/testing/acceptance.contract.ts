import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { computePackageHash } from "../package/package-hash.js";
import type { ObjectStore } from "../ports/object-store.port.js";
import { DriverError, type AcceptanceDriver, type ReleaseRequest } from "./acceptance-driver.js";
import { installPackage, manifestOf, unzipToMap } from "./unzip.js";
import { makeZip, makeZipWithRawName, type ZipEntry } from "./zip.js";

export interface AcceptanceFixture {
  driver: AcceptanceDriver;
  /** The store behind the driver, to prove that refused input wrote nothing. */
  store: ObjectStore;
  /** Waits until asynchronous work (trigger handlers, metric flushes) has finished. */
  settle?: () => Promise<void>;
  cleanup?: () => Promise<void>;
}

export interface AcceptanceOptions {
  /** At least three package contents, oldest first (e.g. real Metro bundles); synthetic ones by default. */
  packages?: () => Promise<ZipEntry[][]>;
  /** The driver ingests through the drop zone (`driver.drop`): run the drop-zone tests. */
  dropZone?: boolean;
  /** Diff packages are built (and ready after `settle`): a device on the previous release must get one. */
  expectDiffs?: boolean;
}

const DEVICE = "6e6fb996-1b4b-4f3e-9d39-6a1a0b0c7f21";

function syntheticPackages(): ZipEntry[][] {
  return [1, 2, 3, 4].map((n) => [
    { name: "CodePush/index.android.bundle", data: `__d(function(){console.log("release ${n}")},0,[]);\n` },
    { name: "CodePush/drawable-mdpi/logo.png", data: "PNG-logo" },
    ...(n >= 3 ? [{ name: "CodePush/drawable-mdpi/settings.png", data: `PNG-settings-${n}` }] : []),
  ]);
}

function expectedHash(entries: ZipEntry[]): string {
  return computePackageHash(manifestOf(new Map(entries.map((e) => [e.name, typeof e.data === "string" ? Buffer.from(e.data) : e.data]))));
}

async function expectStatus(promise: Promise<unknown>, status: number, text?: string): Promise<void> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error, `expected a ${status} refusal`).toBeInstanceOf(DriverError);
  expect((error as DriverError).status).toBe(status);
  if (text) expect((error as DriverError).message.toLowerCase()).toContain(text.toLowerCase());
}

/**
 * The use-case acceptance suite: release → check → download → verify → report → promote → rollback,
 * the CodePush conflict rules, concurrency, and refused input. Every transport (in-process, HTTP,
 * Function Compute, Lambda) and every provider runs it through its own driver.
 */
export function acceptanceContract(name: string, factory: () => Promise<AcceptanceFixture>, options: AcceptanceOptions = {}): void {
  describe(`acceptance: ${name}`, () => {
    let fx: AcceptanceFixture;
    let driver: AcceptanceDriver;
    let packages: ZipEntry[][];
    let zips: Buffer[];
    let keys: Record<string, string>;
    const release = (deployment: string, index: number, extra: Partial<ReleaseRequest> = {}) =>
      driver.release("shop", deployment, { bytes: zips[index] as Buffer, fileName: "release.zip", appVersion: "1.0.0", ...extra });
    const checkAs = (deployment: string, query: Record<string, string>) =>
      driver.check({ deployment_key: keys[deployment] as string, app_version: "1.0.0", client_unique_id: DEVICE, ...query });

    beforeEach(async () => {
      fx = await factory();
      driver = fx.driver;
      packages = options.packages ? await options.packages() : syntheticPackages();
      zips = await Promise.all(packages.map((p) => makeZip(p)));
      keys = (await driver.createApp("shop")).deploymentKeys;
    });
    afterEach(async () => {
      await fx.settle?.();
      await fx.cleanup?.();
    });

    it("releases, serves, verifies and counts an update end to end", async () => {
      expect(await checkAs("Staging", {})).toMatchObject({ isAvailable: false, shouldRunBinaryVersion: true });

      const v1 = await release("Staging", 0, { description: "first" });
      expect(v1).toMatchObject({ label: "v1", packageHash: expectedHash(packages[0] as ZipEntry[]), releaseMethod: "Upload" });

      const update = await checkAs("Staging", {});
      expect(update).toMatchObject({ isAvailable: true, label: "v1", packageHash: v1.packageHash, description: "first", appVersion: "1.0.0", target_binary_range: "1.0.0" });
      const bytes = await driver.download(update.downloadURL);
      expect(bytes.length).toBe(update.packageSize);
      let installed = await unzipToMap(bytes);
      expect(computePackageHash(manifestOf(installed))).toBe(update.packageHash);

      await driver.reportDownload({ deployment_key: keys.Staging as string, label: "v1", client_unique_id: DEVICE });
      await driver.reportDeploy({ deployment_key: keys.Staging as string, app_version: "1.0.0", label: "v1", status: "DeploymentSucceeded", client_unique_id: DEVICE, previous_label_or_app_version: "1.0.0", previous_deployment_key: keys.Staging as string });
      expect(await checkAs("Staging", { label: "v1", package_hash: v1.packageHash })).toMatchObject({ isAvailable: false });

      // v2 and v3: a device on the previous release moves up each time.
      let previous = v1;
      for (const index of [1, 2]) {
        const next = await release("Staging", index);
        await fx.settle?.(); // diff packages, where the transport builds them, are ready now
        const answer = await checkAs("Staging", { label: previous.label, package_hash: previous.packageHash });
        expect(answer).toMatchObject({ isAvailable: true, label: next.label, packageHash: expectedHash(packages[index] as ZipEntry[]) });
        const downloaded = await driver.download(answer.downloadURL);
        expect(downloaded.length).toBe(answer.packageSize);
        // A diff package or the full one: either way the installed files must hash to the announced hash.
        const files = await unzipToMap(downloaded);
        if (options.expectDiffs) expect(files.has("hotcodepush.json"), "a diff package").toBe(true);
        installed = installPackage(installed, files);
        expect(computePackageHash(manifestOf(installed))).toBe(answer.packageHash);
        await driver.reportDeploy({ deployment_key: keys.Staging as string, app_version: "1.0.0", label: next.label, status: "DeploymentSucceeded", client_unique_id: DEVICE, previous_label_or_app_version: previous.label, previous_deployment_key: keys.Staging as string });
        previous = next;
      }

      await fx.settle?.();
      const metrics = await driver.metrics("shop", "Staging");
      expect(metrics.v1).toEqual({ active: 0, downloaded: 1, installed: 1, failed: 0 });
      expect(metrics.v3).toMatchObject({ active: 1, installed: 1 });
      expect(metrics["1.0.0"]).toEqual({ active: -1 });
    });

    it("promotes Staging to Production and rolls back", async () => {
      await release("Staging", 0);
      const v2 = await release("Staging", 1);
      const promoted = await driver.promote("shop", "Staging", "Production");
      expect(promoted).toMatchObject({ label: "v1", packageHash: v2.packageHash, releaseMethod: "Promote", originalLabel: "v2" });
      expect(await checkAs("Production", {})).toMatchObject({ isAvailable: true, label: "v1", packageHash: v2.packageHash });

      await expectStatus(driver.promote("shop", "Staging", "Production"), 409, "identical");
      const older = await driver.promote("shop", "Staging", "Production", { label: "v1" });
      expect(older).toMatchObject({ label: "v2", originalLabel: "v1" });

      const rolledBack = await driver.rollback("shop", "Production");
      expect(rolledBack).toMatchObject({ label: "v3", packageHash: v2.packageHash, releaseMethod: "Rollback", originalLabel: "v1" });
      // A device that installed the bad v2 is moved to v3 (= v1's content).
      expect(await checkAs("Production", { label: "v2", package_hash: older.packageHash })).toMatchObject({ isAvailable: true, label: "v3", packageHash: v2.packageHash });
      const explicit = await driver.rollback("shop", "Production", "v2");
      expect(explicit).toMatchObject({ label: "v4", originalLabel: "v2" });
      await expectStatus(driver.rollback("shop", "Production", "v4"), 409);
      await expectStatus(driver.rollback("shop", "Production", "v99"), 404);
      expect((await driver.history("shop", "Production")).map((r) => r.label)).toEqual(["v1", "v2", "v3", "v4"]);
    });

    it("applies the CodePush release rules: identical content, rollouts that only grow, disable", async () => {
      await release("Staging", 0);
      await expectStatus(release("Staging", 0), 409, "identical");
      await release("Staging", 1, { rollout: 25 });
      await expectStatus(release("Staging", 2), 409, "rolling out");
      await expectStatus(driver.patch("shop", "Staging", "v1", { rollout: 100 }), 409, "already");
      await expectStatus(driver.patch("shop", "Staging", "v2", { rollout: 20 }), 409, "grow");
      const completed = await driver.patch("shop", "Staging", "v2", { rollout: 100 });
      expect(completed).toMatchObject({ label: "v2" });
      expect((await driver.history("shop", "Staging"))[1]?.rollout).toBeNull();
      expect(await driver.patch("shop", "Staging", "v2", { isMandatory: false })).toBeNull();

      const v3 = await release("Staging", 2, { rollout: 50 });
      const v4 = await driver.patch("shop", "Staging", "v3", { isDisabled: true });
      expect(v4).toMatchObject({ isDisabled: true });
      // A device on the disabled v3 is moved back to v2; a fresh device gets v2 too.
      expect(await checkAs("Staging", { label: "v3", package_hash: v3.packageHash })).toMatchObject({ isAvailable: true, label: "v2" });
      expect(await checkAs("Staging", {})).toMatchObject({ isAvailable: true, label: "v2" });
      // A disabled rollout no longer blocks releases.
      expect(await release("Staging", 3)).toMatchObject({ label: "v4" });
    });

    it("serves an unfinished rollout only to the devices its bucket selects", async () => {
      await release("Staging", 0);
      await release("Staging", 1, { rollout: 30 });
      let got = 0;
      for (let i = 0; i < 100; i++) {
        const answer = await checkAs("Staging", { client_unique_id: `device-${i}` });
        expect(answer.isAvailable).toBe(true);
        if (answer.label === "v2") got++;
        else expect(answer.label).toBe("v1");
        expect(await checkAs("Staging", { client_unique_id: `device-${i}` })).toMatchObject({ label: answer.label });
      }
      expect(got).toBeGreaterThan(10);
      expect(got).toBeLessThan(55);
    });

    it("keeps every one of 20 concurrent releases, with dense labels", async () => {
      const contents = await Promise.all(
        Array.from({ length: 20 }, (_, i) => makeZip([{ name: "CodePush/index.android.bundle", data: `concurrent ${i}` }])),
      );
      const results = await Promise.all(
        contents.map((bytes, i) => driver.release("shop", "Staging", { bytes, fileName: `r${i}.zip`, appVersion: `>=1.0.${i}` })),
      );
      const labels = results.map((r) => r.label).sort((a, b) => Number(a.slice(1)) - Number(b.slice(1)));
      expect(labels).toEqual(Array.from({ length: 20 }, (_, i) => `v${i + 1}`));
      const history = await driver.history("shop", "Staging");
      expect(history.map((r) => r.label)).toEqual(labels);
      expect(new Set(history.map((r) => r.packageHash)).size).toBe(20);
    });

    it("never loses concurrent promotes and patches", async () => {
      for (let i = 0; i < 3; i++) await release("Staging", i, { appVersion: `1.0.${i}` });
      const promoted = await Promise.all(["v1", "v2", "v3"].map((label) => driver.promote("shop", "Staging", "Production", { label })));
      expect(promoted.map((r) => r.label).sort()).toEqual(["v1", "v2", "v3"]);
      await Promise.all([
        driver.patch("shop", "Staging", "v1", { description: "patched description" }),
        driver.patch("shop", "Staging", "v1", { isMandatory: true }),
        driver.patch("shop", "Staging", "v2", { isDisabled: true }),
      ]);
      const history = await driver.history("shop", "Staging");
      expect(history[0]).toMatchObject({ isMandatory: true });
      expect(history[1]).toMatchObject({ isDisabled: true });
      expect((await driver.history("shop", "Production")).length).toBe(3);
    });

    it("refuses bad input with a 4xx and leaves stored state unchanged", async () => {
      await release("Staging", 0);
      await fx.settle?.();
      const before = (await fx.store.list("")).map((o) => `${o.key}:${o.etag}`);

      await expectStatus(driver.release("shop", "Staging", { bytes: Buffer.from("not a zip at all"), fileName: "release.zip", appVersion: "1.0.0" }), 400, "zip");
      await expectStatus(driver.release("shop", "Staging", { bytes: await makeZipWithRawName("../../evil.js"), fileName: "release.zip", appVersion: "1.0.0" }), 400, "..");
      await expectStatus(driver.release("shop", "Staging", { bytes: await makeZipWithRawName("/etc/evil.js"), fileName: "release.zip", appVersion: "1.0.0" }), 400, "absolute");
      await expectStatus(driver.release("shop", "Staging", { bytes: zips[1] as Buffer, fileName: "release.zip", appVersion: "not-a-range" }), 400, "appVersion");
      await expectStatus(driver.release("shop", "Nope", { bytes: zips[1] as Buffer, fileName: "release.zip", appVersion: "1.0.0" }), 404);
      await expectStatus(driver.release("shop", "Staging", { bytes: zips[1] as Buffer, fileName: "release.zip", appVersion: "1.0.0", rollout: 0 }), 400, "rollout");

      await expectStatus(driver.check({ deployment_key: "abc", app_version: "1.0.0" }), 400, "deployment key");
      await expectStatus(driver.check({ deployment_key: "key%with%percent", app_version: "1.0.0" }), 400, "deployment key");
      await expectStatus(driver.check({ app_version: "1.0.0" }), 400, "deployment key");
      await expectStatus(driver.check({ deployment_key: "keyThatIsNonExistent", app_version: "1.0.0" }), 404);
      await expectStatus(driver.check({ deployment_key: keys.Staging as string, app_version: "1.2.3.456" }), 400, "1.2.3.456");
      await expectStatus(driver.check({ deployment_key: keys.Staging as string }), 400, "app version");
      await expectStatus(driver.reportDeploy({ deployment_key: keys.Staging as string }), 400, "app version");
      await expectStatus(driver.reportDeploy({ deployment_key: keys.Staging as string, app_version: "1.0.0", label: "v1", status: "Exploded" }), 400, "status");
      await expectStatus(driver.reportDownload({ deployment_key: keys.Staging as string }), 400, "label");
      await expectStatus(driver.patch("shop", "Staging", "v9", { isDisabled: true }), 404);

      await fx.settle?.();
      const after = (await fx.store.list("")).map((o) => `${o.key}:${o.etag}`);
      expect(after).toEqual(before);
    });

    if (options.dropZone) {
      it("ingests a package dropped under src/ exactly once, even when the trigger fires twice", async () => {
        const drop = driver.drop;
        if (!drop) throw new Error("dropZone is set but the driver has no drop()");
        await drop("shop", "Staging", { bytes: zips[0] as Buffer, fileName: "bundle-v1.zip", appVersion: "1.0.0", description: "dropped", isMandatory: true }, { deliverTwice: true });
        await fx.settle?.();
        const history = await driver.history("shop", "Staging");
        expect(history).toHaveLength(1);
        expect(history[0]).toMatchObject({ label: "v1", packageHash: expectedHash(packages[0] as ZipEntry[]), isMandatory: true });
        expect(await checkAs("Staging", {})).toMatchObject({ isAvailable: true, label: "v1", description: "dropped" });
      });
    }
  });
}
