import { mkdir, readdir, readFile, symlink, writeFile } from "node:fs/promises";
import { join, relative, sep } from "node:path";
import { computePackageHash, sha256Hex, type PackageManifest } from "@hotpatch/core";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { listPackageFiles, zipDirectory } from "../../src/zip/zip-directory.js";
import { readZip } from "./support/read-zip.js";
import { rnBundlesDir } from "../e2e/rn-fixtures.js";
import { copyFixture, makeTempDir, removeDir } from "./support/temp-dir.js";

const IOS_FIXTURE = join(rnBundlesDir(), "v1", "ios");

/** The fixture's files as `CodePush/…` → bytes, read straight from disk (independent of the CLI's walk). */
async function filesOnDisk(root: string, prefix: string): Promise<Map<string, Buffer>> {
  const files = new Map<string, Buffer>();
  for (const entry of await readdir(root, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    const absolute = join(entry.parentPath, entry.name);
    files.set(`${prefix}/${relative(root, absolute).split(sep).join("/")}`, await readFile(absolute));
  }
  return files;
}

function manifestOf(files: Map<string, Buffer>): PackageManifest {
  return Object.fromEntries([...files].map(([path, bytes]) => [path, sha256Hex(bytes)]));
}

describe("zipDirectory", () => {
  let temp: string;

  beforeEach(async () => {
    temp = await makeTempDir("zip");
  });

  afterEach(async () => {
    await removeDir(temp);
  });

  it("zips a CodePush folder with names relative to its parent, node_modules assets included", async () => {
    const folder = join(temp, "CodePush");
    await copyFixture(IOS_FIXTURE, folder);
    const zipPath = join(temp, "out.zip");

    await zipDirectory(folder, zipPath);

    const zipped = await readZip(zipPath);
    const expected = await filesOnDisk(IOS_FIXTURE, "CodePush");
    expect(expected.size).toBe(28);
    expect([...zipped.keys()].sort()).toEqual([...expected.keys()].sort());
    for (const [name, bytes] of expected) expect(zipped.get(name)?.equals(bytes), name).toBe(true);

    const nodeModules = [...zipped.keys()].filter((name) =>
      name.startsWith("CodePush/assets/node_modules/@react-navigation/"),
    );
    expect(nodeModules).toHaveLength(13);
    expect(zipped.has("CodePush/main.jsbundle")).toBe(true);
    expect([...zipped.keys()].every((name) => !name.endsWith("/"))).toBe(true);
  });

  it("yields the package hash clients compute over the folder", async () => {
    const folder = join(temp, "CodePush");
    await copyFixture(IOS_FIXTURE, folder);
    const zipPath = join(temp, "out.zip");

    await zipDirectory(folder, zipPath);

    const fromZip = computePackageHash(manifestOf(await readZip(zipPath)));
    const fromFolder = computePackageHash(manifestOf(await filesOnDisk(IOS_FIXTURE, "CodePush")));
    expect(fromZip).toBe(fromFolder);
  });

  it("stores entries in sorted order, so the same folder always gives the same zip layout", async () => {
    const folder = join(temp, "CodePush");
    await copyFixture(IOS_FIXTURE, folder);
    const zipPath = join(temp, "out.zip");

    await zipDirectory(folder, zipPath);

    const names = [...(await readZip(zipPath)).keys()];
    expect(names).toEqual([...names].sort());
  });

  it("follows a linked folder beside the real one without dropping either, and stops a link cycle", async () => {
    const folder = join(temp, "CodePush");
    await mkdir(join(folder, "real"), { recursive: true });
    await writeFile(join(folder, "real", "a.png"), "PNG");
    await writeFile(join(folder, "index.android.bundle"), "b()");
    await symlink(join(folder, "real"), join(folder, "linked"));
    await symlink(folder, join(folder, "real", "loop"));

    const files = await listPackageFiles(folder);

    expect(files.map((f) => f.entryName)).toEqual(["CodePush/index.android.bundle", "CodePush/linked/a.png", "CodePush/real/a.png"]);
  });

  it("keeps dot-files and leaves out .DS_Store and __MACOSX", async () => {
    const folder = join(temp, "bundle");
    await mkdir(join(folder, "sub", "__MACOSX"), { recursive: true });
    await writeFile(join(folder, "index.android.bundle"), "console.log(1)\n");
    await writeFile(join(folder, ".codepushrelease"), "signature");
    await writeFile(join(folder, ".DS_Store"), "litter");
    await writeFile(join(folder, "sub", ".DS_Store"), "litter");
    await writeFile(join(folder, "sub", "__MACOSX", "x"), "litter");
    await writeFile(join(folder, "sub", "a.png"), "PNG");

    const files = await listPackageFiles(folder);

    expect(files.map((f) => f.entryName)).toEqual([
      "bundle/.codepushrelease",
      "bundle/index.android.bundle",
      "bundle/sub/a.png",
    ]);
  });

  it("matches the codepush.md §2.2 test vector", async () => {
    const folder = join(temp, "CodePush");
    await mkdir(join(folder, "assets"), { recursive: true });
    await writeFile(join(folder, "assets", "img.png"), "PNG");
    await writeFile(join(folder, "index.android.bundle"), "console.log(1)\n");
    const zipPath = join(temp, "out.zip");

    await zipDirectory(folder, zipPath);

    expect(computePackageHash(manifestOf(await readZip(zipPath)))).toBe(
      "739df0e48080194a0f7fcfc17e31fcc2044e4b5bda67ede5184cefc225260e5d",
    );
  });
});
