import { describe, expect, it } from "vitest";
import { normalizeAppVersion, selectUpdate, type Release, type UpdateDecision, type UpdateQuery } from "@hotpatch/core";

function release(label: string, fields: Partial<Release>): Release {
  return {
    label,
    appVersion: "1.0.0",
    packageHash: `hash-${label}`,
    blobKey: `blob-${label}`,
    size: 100,
    description: `Test package for ${label}`,
    isMandatory: false,
    isDisabled: false,
    rollout: null,
    releaseMethod: "Upload",
    uploadTime: 0,
    ...fields,
  };
}

/** Microsoft's acquisition fixture H1 (codepush.md §5). */
const H1: Release[] = [
  release("v1", { packageHash: "hash100", blobKey: "blob1", size: 2, diffPackageMap: { hash99: { blobKey: "diffBlob1", size: 1 } } }),
  release("v2", { packageHash: "hash101", blobKey: "blob2", size: 4, isMandatory: true, diffPackageMap: { hash100: { blobKey: "diffBlob2", size: 3 } } }),
  release("v3", { packageHash: "hash102", blobKey: "blob3", size: 6, diffPackageMap: { hash101: { blobKey: "diffBlob3", size: 5 } } }),
];

function ask(history: Release[], appVersion: string, extra: Partial<UpdateQuery> = {}): UpdateDecision {
  const normalized = normalizeAppVersion(appVersion);
  if (normalized === null) throw new Error(`test asks with invalid version ${appVersion}`);
  return selectUpdate(history, { appVersion: normalized, originalAppVersion: appVersion, isCompanion: false, clientUniqueId: "undefined", ...extra });
}

type Expect =
  | { update: string; blob: string; size: number; mandatory: boolean; appVersion: string }
  | { none: true; appVersion: string; updateAppVersion: boolean; shouldRunBinaryVersion: boolean };

const fullV3 = (mandatory: boolean, appVersion = "1.0.0"): Expect => ({ update: "v3", blob: "blob3", size: 6, mandatory, appVersion });

// codepush.md §1.11 and §5 (H1), as one table.
const cases: Array<[string, string, Partial<UpdateQuery>, Expect]> = [
  ["no label, no hash → full v3, mandatory", "1.0.0", {}, fullV3(true)],
  ["label v2 + hash101 → diff, optional", "1.0.0", { label: "v2", packageHash: "hash101" }, { update: "v3", blob: "diffBlob3", size: 5, mandatory: false, appVersion: "1.0.0" }],
  ["label v1 → full v3, mandatory", "1.0.0", { label: "v1" }, fullV3(true)],
  ["label v3 + hash102 → no update", "1.0.0", { label: "v3", packageHash: "hash102" }, { none: true, appVersion: "", updateAppVersion: false, shouldRunBinaryVersion: false }],
  ["app 1.0 → echo 1.0", "1.0", {}, fullV3(true, "1.0")],
  ["app 1.0+metadata → echo", "1.0+metadata", {}, fullV3(true, "1.0+metadata")],
  ["prerelease → newer binary exists", "1.0-prerelease", {}, { none: true, appVersion: "1.0.0", updateAppVersion: true, shouldRunBinaryVersion: true }],
  ["lower binary 0.0.8", "0.0.8", {}, { none: true, appVersion: "1.0.0", updateAppVersion: true, shouldRunBinaryVersion: true }],
  ["lower binary 0.1.0 companion false", "0.1.0", {}, { none: true, appVersion: "1.0.0", updateAppVersion: true, shouldRunBinaryVersion: true }],
  ["higher binary 2.0.0", "2.0.0", {}, { none: true, appVersion: "1.0.0", updateAppVersion: false, shouldRunBinaryVersion: true }],
  ["companion with 2.0.0 → v3", "2.0.0", { isCompanion: true }, fullV3(true, "2.0.0")],
  ["companion with 0.0.6 → v3", "0.0.6", { isCompanion: true }, fullV3(true, "0.0.6")],
  ["hash101 without label → diff, optional (hotpatch rule)", "1.0.0", { packageHash: "hash101" }, { update: "v3", blob: "diffBlob3", size: 5, mandatory: false, appVersion: "1.0.0" }],
  ["unknown hash009 → full v3, mandatory", "1.0.0", { packageHash: "hash009" }, fullV3(true)],
  ["7 normalises to 7.0.0 → higher binary", "7", {}, { none: true, appVersion: "1.0.0", updateAppVersion: false, shouldRunBinaryVersion: true }],
];

describe("selectUpdate — CodePush worked examples (codepush.md §1.11, §5)", () => {
  it.each(cases)("%s", (_name, appVersion, extra, expected) => {
    const decision = ask(H1, appVersion, extra);
    if ("none" in expected) {
      expect(decision).toEqual({
        isAvailable: false,
        appVersion: expected.appVersion,
        updateAppVersion: expected.updateAppVersion,
        shouldRunBinaryVersion: expected.shouldRunBinaryVersion,
      });
    } else {
      expect(decision.isAvailable).toBe(true);
      if (!decision.isAvailable) return;
      expect(decision.release.label).toBe(expected.update);
      expect(decision.download).toEqual({ blobKey: expected.blob, size: expected.size });
      expect(decision.isMandatory).toBe(expected.mandatory);
      expect(decision.appVersion).toBe(expected.appVersion);
    }
  });
});

describe("selectUpdate — field reports (codepush.md §6)", () => {
  it("echoes the client's version, never the range (#718)", () => {
    const d = ask([release("v1", { appVersion: "5.1.7 - 5.1.11" })], "5.1.10");
    expect(d).toMatchObject({ isAvailable: true, appVersion: "5.1.10" });
  });

  it("treats a fresh install as older than every release (#607)", () => {
    const history = [release("v1", { isMandatory: true }), release("v2", {})];
    expect(ask(history, "1.0.0")).toMatchObject({ isAvailable: true, isMandatory: true });
    expect(ask(history, "1.0.0", { label: "v1" })).toMatchObject({ isAvailable: true, isMandatory: false });
    expect(ask(history, "1.0.0", { label: "v2", packageHash: "hash-v2" })).toMatchObject({ isAvailable: false });
  });

  it("a mandatory release for another binary does not make this one mandatory (#368)", () => {
    const history = [release("v1", { isMandatory: true }), release("v2", { appVersion: "2.0.0" })];
    expect(ask(history, "2.0.0")).toMatchObject({ isAvailable: true, isMandatory: false });
  });

  it("a client on a disabled release is moved to the newest older enabled one", () => {
    const history = [release("v1", {}), release("v2", { isDisabled: true })];
    const d = ask(history, "1.0.0", { label: "v2", packageHash: "hash-v2" });
    expect(d).toMatchObject({ isAvailable: true, release: { label: "v1" } });
  });

  it("disabled releases never count, and none enabled means no update", () => {
    const d = ask([release("v1", { isDisabled: true })], "1.0.0");
    expect(d).toEqual({ isAvailable: false, appVersion: "", updateAppVersion: false, shouldRunBinaryVersion: true });
  });

  it("empty history → run the binary", () => {
    expect(ask([], "1.0.0")).toEqual({ isAvailable: false, appVersion: "", updateAppVersion: false, shouldRunBinaryVersion: true });
  });

  it("a device hash that names Object.prototype does not reach it", () => {
    const d = ask(H1, "1.0.0", { packageHash: "__proto__" });
    expect(d).toMatchObject({ isAvailable: true, download: { blobKey: "blob3", size: 6 } });
  });

  it("rollout below 100 % reaches exactly the selected buckets (#693)", () => {
    const history = [release("v1", { rollout: 10 })];
    let served = 0;
    for (let i = 0; i < 1000; i++) {
      const d = ask(history, "1.0.0", { clientUniqueId: `dev${i}` });
      if (d.isAvailable) served++;
      else expect(d).toMatchObject({ shouldRunBinaryVersion: true });
    }
    expect(served).toBeGreaterThan(60);
    expect(served).toBeLessThan(140);
  });
});

describe("normalizeAppVersion", () => {
  it.each([
    ["7", "7.0.0"],
    ["2.0", "2.0.0"],
    ["2.0-beta", "2.0.0-beta"],
    ["1.0+meta", "1.0.0+meta"],
    ["1.2.3", "1.2.3"],
    ["v1.0.0", "v1.0.0"],
  ])("%s → %s", (input, output) => expect(normalizeAppVersion(input)).toBe(output));

  it.each(["1.2.3.456", "01.2.3", "1.0 ", "notSemver", ""])("rejects %j", (input) => {
    expect(normalizeAppVersion(input)).toBeNull();
  });
});
