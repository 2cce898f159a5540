import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { buildDiffPackage, computePackageHash, planDiff, targetsMatch, diffBases, verifyDiffPackage, type Release } from "@hotpatch/core";
import { makeZip, manifestOf, unzipToMap } from "@hotpatch/core/testing";

const sha = (s: string | Buffer) => createHash("sha256").update(s).digest("hex");
const files = (entries: Record<string, string>) => new Map(Object.entries(entries).map(([k, v]) => [k, Buffer.from(v)]));

describe("CodePush diff packages (codepush.md §2.3, §6 #6)", () => {
  const v1 = files({ "CodePush/index.android.bundle": "bundle A", "CodePush/a.png": "PNG", "CodePush/same.png": "same" });
  const v2 = files({ "CodePush/index.android.bundle": "bundle B", "CodePush/same.png": "same", "CodePush/new.png": "new" });

  it("holds only new or changed files plus hotcodepush.json with the deleted paths", async () => {
    const v2Zip = await makeZip([...v2].map(([name, data]) => ({ name, data })));
    const diff = await buildDiffPackage(manifestOf(v1), manifestOf(v2), v2Zip);
    expect(diff).not.toBeNull();
    const contents = await unzipToMap(diff as Buffer);
    expect([...contents.keys()].sort()).toEqual(["CodePush/index.android.bundle", "CodePush/new.png", "hotcodepush.json"]);
    expect(JSON.parse((contents.get("hotcodepush.json") as Buffer).toString())).toEqual({ deletedFiles: ["CodePush/a.png"] });
    expect((contents.get("CodePush/index.android.bundle") as Buffer).toString()).toBe("bundle B");
  });

  it("is verified by replaying it on the base, as a device does", async () => {
    const v2Zip = await makeZip([...v2].map(([name, data]) => ({ name, data })));
    const diff = (await buildDiffPackage(manifestOf(v1), manifestOf(v2), v2Zip)) as Buffer;
    const target = computePackageHash(manifestOf(v2));
    expect(await verifyDiffPackage(manifestOf(v1), diff, target)).toBe(true);
    expect(await verifyDiffPackage(manifestOf(files({ "CodePush/other": "x" })), diff, target)).toBe(false);
  });

  it("writes hotcodepush.json byte-for-byte as CodePush does", async () => {
    const diff = (await buildDiffPackage({ "a.txt": sha("x") }, { "b.txt": sha("y") }, await makeZip([{ name: "b.txt", data: "y" }]))) as Buffer;
    const meta = (await unzipToMap(diff)).get("hotcodepush.json") as Buffer;
    expect(sha(meta)).toBe("9a5b5530de83276462aba1f936a7d341629dddfa86705cf4b8e84365bd828c08");
    const onlyChanged = (await buildDiffPackage({ "b.txt": sha("x") }, { "b.txt": sha("y") }, await makeZip([{ name: "b.txt", data: "y" }]))) as Buffer;
    expect(sha((await unzipToMap(onlyChanged)).get("hotcodepush.json") as Buffer)).toBe("3a2de62a9c2b64b3ac2ccdfd113a0c758e5acb66882fdf270e3f36ecc417a96d");
  });

  it("keeps a changed .codepushrelease in the diff", () => {
    const plan = planDiff({ "CodePush/.codepushrelease": sha("jwt1"), "CodePush/b": sha("b") }, { "CodePush/.codepushrelease": sha("jwt2"), "CodePush/b": sha("b") });
    expect(plan).toEqual({ changed: ["CodePush/.codepushrelease"], deleted: [] });
  });

  it("builds nothing when nothing differs", async () => {
    expect(await buildDiffPackage(manifestOf(v1), manifestOf(v1), await makeZip([{ name: "x", data: "x" }]))).toBeNull();
  });
});

describe("diff bases", () => {
  it("matches targets the way CodePush does", () => {
    expect(targetsMatch("1.0.0", "1.0.0")).toBe(true);
    expect(targetsMatch("1.0.0", "^1.0.0")).toBe(true);
    expect(targetsMatch("^1.0.0", "1.2.0")).toBe(true);
    expect(targetsMatch("^1.0.0", "^1.0.0")).toBe(true);
    expect(targetsMatch("^1.0.0", ">=1.0.0 <2.0.0-0")).toBe(true);
    expect(targetsMatch("^1.0.0", "~1.0.0")).toBe(false);
    expect(targetsMatch("2.0.0", "1.0.0")).toBe(false);
  });

  it("takes up to N older matching releases with other content, newest first, one per hash", () => {
    const r = (label: string, appVersion: string, packageHash: string, manifestKey: string | null = "m"): Release => ({
      label, appVersion, packageHash, blobKey: "b", size: 1, description: "", isMandatory: false, isDisabled: false, rollout: null, releaseMethod: "Upload", uploadTime: 0, ...(manifestKey ? { manifestKey } : {}),
    });
    const history = [r("v1", "1.0.0", "h1"), r("v2", "2.0.0", "h2"), r("v3", "1.0.0", "h1"), r("v4", "1.0.0", "h4", null), r("v5", "1.0.0", "h5"), r("v6", "1.0.0", "h6")];
    expect(diffBases(history, "v6", 5).map((x) => x.label)).toEqual(["v5", "v3"]);
    expect(diffBases(history, "v6", 1).map((x) => x.label)).toEqual(["v5"]);
    expect(diffBases(history, "v4", 5)).toEqual([]);
  });
});
