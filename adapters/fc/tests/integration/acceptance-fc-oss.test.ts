import { randomBytes } from "node:crypto";
import { computePackageHash, verifyDiffPackage } from "@hotpatch/core";
import { acceptanceContract, makeZip, manifestOf, unzipToMap } from "@hotpatch/core/testing";
import { afterEach, describe, expect, it } from "vitest";
import { startFcOverOss, type FcOverOss } from "@hotpatch/fc/testing";

/*
 * On FC the handlers wait for diff building before they return (the instance may be frozen right
 * after), so a device on the previous release always gets a diff package here: the suite requires it.
 */
acceptanceContract(
  "FC handlers (API Gateway events, OSS-trigger releases) over ali-oss against the OSS emulator",
  async () => {
    const fc = await startFcOverOss();
    return { driver: fc.driver, store: fc.store, cleanup: fc.close };
  },
  { dropZone: true, expectDiffs: true },
);

describe("FC handlers over ali-oss: what only a deployment shows", () => {
  let fc: FcOverOss;
  afterEach(async () => fc.close());

  it("has the diff package built before the OSS-trigger invocation returns, and serves it from OSS", async () => {
    fc = await startFcOverOss();
    const keys = (await fc.driver.createApp("shop")).deploymentKeys;
    // An unchanged asset large enough that leaving it out makes the diff smaller than the full package.
    const logo = { name: "CodePush/logo.png", data: randomBytes(32 * 1024) };
    const first = [{ name: "CodePush/index.android.bundle", data: "one" }, logo];
    const second = [{ name: "CodePush/index.android.bundle", data: "two" }, logo];
    const v1 = await fc.driver.release("shop", "Staging", { bytes: await makeZip(first), fileName: "a.zip", appVersion: "1.0.0" });
    await fc.driver.release("shop", "Staging", { bytes: await makeZip(second), fileName: "b.zip", appVersion: "1.0.0" });
    const answer = await fc.driver.check({ deployment_key: keys.Staging as string, app_version: "1.0.0", label: "v1", package_hash: v1.packageHash, client_unique_id: "d" });
    expect(answer).toMatchObject({ isAvailable: true, label: "v2" });
    expect(new URL(answer.downloadURL).pathname).toContain("/diffs/");
    expect(new URL(answer.downloadURL).searchParams.get("x-oss-signature-version")).toBe("OSS4-HMAC-SHA256");
    const diff = await fc.driver.download(answer.downloadURL);
    const base = manifestOf(await unzipToMap(await makeZip(first)));
    expect(await verifyDiffPackage(base, diff, answer.packageHash)).toBe(true);
    expect(computePackageHash(base)).toBe(v1.packageHash);
  });

  it("logs device reports as SLS lines that carry the fields the README's queries aggregate", async () => {
    fc = await startFcOverOss();
    const keys = (await fc.driver.createApp("shop")).deploymentKeys;
    await fc.driver.reportDeploy({ deployment_key: keys.Production as string, app_version: "1.0.0", client_unique_id: "d" });
    const report = fc.logs.find((entry) => entry.event === "deploy_report");
    expect(report).toMatchObject({ level: "info", app: "shop", deployment: "Production", appVersion: "1.0.0", status: expect.any(String) });
    expect(JSON.stringify(fc.logs)).not.toContain("role-secret");
  });
});
