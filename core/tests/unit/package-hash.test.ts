import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { computePackageHash, inspectPackage, DEFAULT_PACKAGE_LIMITS } from "@hotpatch/core";
import { makeZip, makeZipWithRawName } from "@hotpatch/core/testing";

const sha = (s: string) => createHash("sha256").update(s).digest("hex");

describe("CodePush package hash (codepush.md §2.2)", () => {
  const vectorFiles = { "CodePush/assets/img.png": "PNG", "CodePush/index.android.bundle": "console.log(1)\n" };

  it("reproduces the documented test vector", () => {
    const manifest = Object.fromEntries(Object.entries(vectorFiles).map(([p, c]) => [p, sha(c)]));
    expect(computePackageHash(manifest)).toBe("739df0e48080194a0f7fcfc17e31fcc2044e4b5bda67ede5184cefc225260e5d");
  });

  it("hashes a zip the same way, whatever the entry order, ignoring directories and litter", async () => {
    const zip = await makeZip([
      { name: "CodePush/index.android.bundle", data: vectorFiles["CodePush/index.android.bundle"] },
      { name: "__MACOSX/CodePush/._img.png", data: "junk" },
      { name: "CodePush/.DS_Store", data: "junk" },
      { name: "CodePush/assets/img.png", data: vectorFiles["CodePush/assets/img.png"] },
    ]);
    const inspected = await inspectPackage(zip, "release.zip");
    expect(inspected.packageHash).toBe("739df0e48080194a0f7fcfc17e31fcc2044e4b5bda67ede5184cefc225260e5d");
  });

  it("leaves .codepushrelease out of the hash but keeps it in the manifest", async () => {
    const zip = await makeZip([
      ...Object.entries(vectorFiles).map(([name, data]) => ({ name, data })),
      { name: "CodePush/.codepushrelease", data: "jwt" },
    ]);
    const inspected = await inspectPackage(zip, "release.zip");
    expect(inspected.packageHash).toBe("739df0e48080194a0f7fcfc17e31fcc2044e4b5bda67ede5184cefc225260e5d");
    expect(inspected.manifest?.["CodePush/.codepushrelease"]).toBe(sha("jwt"));
  });

  it("hashes a single file as the SHA-256 of its bytes", async () => {
    const inspected = await inspectPackage(Buffer.from("bundle"), "index.android.bundle");
    expect(inspected).toMatchObject({ kind: "file", packageHash: sha("bundle"), manifest: null });
  });
});

describe("package validation", () => {
  it.each([
    ["../evil.js", "escapes the package folder"],
    ["a/../../evil.js", "escapes the package folder"],
    ["/etc/passwd", "absolute path"],
    ["C:/evil.js", "absolute path"],
    ["a\\..\\evil.js", "backslash"],
  ])("refuses entry %j", async (name, why) => {
    const zip = await makeZipWithRawName(name);
    await expect(inspectPackage(zip, "p.zip")).rejects.toMatchObject({ code: "invalid_request", message: expect.stringContaining(why) });
  });

  it("refuses a .zip that is not a zip", async () => {
    await expect(inspectPackage(Buffer.from("hello"), "release.zip")).rejects.toMatchObject({ code: "invalid_request", message: expect.stringContaining("not a valid zip") });
  });

  it("refuses a truncated zip", async () => {
    const zip = await makeZip([{ name: "CodePush/index.android.bundle", data: "x".repeat(1000) }]);
    await expect(inspectPackage(zip.subarray(0, zip.length - 30), "release.zip")).rejects.toMatchObject({ code: "invalid_request" });
  });

  it("refuses an empty package and an oversized one", async () => {
    await expect(inspectPackage(new Uint8Array(), "x")).rejects.toMatchObject({ code: "invalid_request" });
    await expect(inspectPackage(new Uint8Array(11), "x", { ...DEFAULT_PACKAGE_LIMITS, maxPackageBytes: 10 })).rejects.toMatchObject({ code: "payload_too_large" });
  });

  it("refuses a zip bomb by its declared unpacked size", async () => {
    const zip = await makeZip([{ name: "CodePush/big", data: "0".repeat(100_000) }]);
    await expect(inspectPackage(zip, "x.zip", { ...DEFAULT_PACKAGE_LIMITS, maxUnpackedBytes: 50_000 })).rejects.toMatchObject({ code: "payload_too_large" });
  });

  it("refuses duplicate entries", async () => {
    const zip = await makeZip([{ name: "CodePush/a", data: "1" }, { name: "CodePush/a", data: "2" }]);
    await expect(inspectPackage(zip, "x.zip")).rejects.toMatchObject({ message: expect.stringContaining("twice") });
  });
});
