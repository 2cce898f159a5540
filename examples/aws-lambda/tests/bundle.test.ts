import { builtinModules } from "node:module";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { HANDLER_BUNDLES, bundleHandlers, type BundleReport } from "../scripts/bundle-handlers.js";

let outdir: string;
let reports: BundleReport[];
beforeAll(async () => {
  outdir = await mkdtemp(join(tmpdir(), "hotpatch-lambda-bundle-"));
  reports = await bundleHandlers(outdir);
});
afterAll(async () => {
  await rm(outdir, { recursive: true, force: true });
});

describe("handler bundles", () => {
  it("builds one self-contained folder of ES modules per function, its entry exporting handler", async () => {
    expect(reports.map((report) => `${report.dir}/${report.file}.mjs`)).toEqual(HANDLER_BUNDLES.map((b) => `${b.dir}/${b.file}.mjs`));
    for (const report of reports) {
      // Only Node built-ins stay outside the file.
      expect(report.externals.length, report.file).toBeGreaterThan(0);
      expect(report.externals.filter((spec) => !builtinModules.includes(spec.replace(/^node:/, ""))), report.file).toEqual([]);
      const module = (await import(pathToFileURL(report.path).href)) as { handler?: unknown };
      expect(typeof module.handler, report.file).toBe("function");
    }
  });

  it("leaves the Lambda client (the invoke runner's) and test code out of the handlers", () => {
    for (const report of reports) {
      expect(report.packages).toContain("@aws-sdk/client-s3");
      expect(report.packages).not.toContain("@aws-sdk/client-lambda");
      expect(report.packages).not.toContain("s3rver");
      expect(report.packages).not.toContain("vitest");
    }
  });
});
