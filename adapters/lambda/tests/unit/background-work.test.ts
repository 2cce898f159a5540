import { randomBytes } from "node:crypto";
import { makeZip } from "@hotpatch/core/testing";
import { API_SHAPES, apiBaseUrl, lambdaAcceptanceFixture } from "@hotpatch/lambda/testing";
import { MemoryObjectStore } from "@hotpatch/provider-local";
import { describe, expect, it } from "vitest";

/**
 * Lambda freezes a container as soon as the handler returns, so work the use cases start in the
 * background (diff packages after a release) must be finished by then: a device checking right after
 * the release response is already offered the diff.
 */
describe("background work ends before the invocation returns", () => {
  it("builds the diff package during the release invocation", async () => {
    const shape = API_SHAPES["http-api-v2"];
    const store = new MemoryObjectStore({ publicBaseUrl: apiBaseUrl(shape) });
    const fixture = await lambdaAcceptanceFixture({ store, bucket: "memory", http: "http-api-v2", serveStorage: true });
    try {
      const { deploymentKeys } = await fixture.driver.createApp("shop");
      // A large unchanged asset makes the diff (changed files only) much smaller than the package.
      const asset = randomBytes(64 * 1024);
      const bundle = (text: string) => makeZip([{ name: "CodePush/index.android.bundle", data: `console.log("${text}")` }, { name: "CodePush/assets/photo.jpg", data: asset }]);
      const v1 = await fixture.driver.release("shop", "Staging", { bytes: await bundle("one"), fileName: "v1.zip", appVersion: "1.0.0" });
      await fixture.driver.release("shop", "Staging", { bytes: await bundle("two"), fileName: "v2.zip", appVersion: "1.0.0" });
      const answer = await fixture.driver.check({ deployment_key: deploymentKeys.Staging!, app_version: "1.0.0", label: v1.label, package_hash: v1.packageHash });
      expect(answer).toMatchObject({ isAvailable: true, label: "v2" });
      expect(new URL(answer.downloadURL).pathname).toMatch(/\/storage\/diffs\//);
      const diff = await fixture.driver.download(answer.downloadURL);
      expect(diff.byteLength).toBe(answer.packageSize);
    } finally {
      await fixture.cleanup?.();
    }
  });
});
