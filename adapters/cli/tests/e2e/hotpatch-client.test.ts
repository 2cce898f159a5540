import { cp, mkdir, mkdtemp, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkForUpdate, downloadUpdate, packageHash, type ClientEnvironment, type PackageFiles } from "@hotpatch/core/client";
import { silentLogger, unzipToMap } from "@hotpatch/core/testing";
import { startLocalServer, type LocalServer } from "../../src/serve/local-server.js";
import { zipDirectory } from "../../src/zip/zip-directory.js";
import { codePushFolder, filesOf, rnBundlesDir } from "./rn-fixtures.js";

/**
 * hotpatch's own protocol and client on the real bundles: a device on one release downloads a binary
 * patch of its bundle (plus a diff of the other files) instead of the package, and the result is the
 * new release byte for byte — for the JS bundle, for Hermes bytecode, and from a store binary's bundle.
 */
const env: ClientEnvironment = { fetch: (url) => fetch(url), unzip: async (bytes) => (await unzipToMap(bytes)) as PackageFiles };
let server: LocalServer;
let work: string;

/** A Hermes app ships bytecode under the bundle's usual name. */
async function hermesFolder(version: string): Promise<string> {
  const folder = join(await mkdtemp(join(tmpdir(), `hotpatch-hbc-${version}-`)), "CodePush");
  await mkdir(folder, { recursive: true });
  await cp(join(rnBundlesDir(), version, "android", "index.android.bundle.hbc"), join(folder, "index.android.bundle"));
  await cp(join(rnBundlesDir(), version, "android", "res"), folder, { recursive: true });
  return folder;
}

async function release(app: string, deployment: string, folder: string, appVersion = "1.0.0") {
  const zip = join(work, `${Math.random().toString(36).slice(2)}.zip`);
  await zipDirectory(folder, zip);
  const { release: r } = await server.hotpatch.upload.execute({ appName: app, deploymentName: deployment, bytes: await readFile(zip), fileName: "r.zip", options: { appVersion } });
  await server.settle();
  return r;
}

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), "hotpatch-client-"));
  server = await startLocalServer({ port: 0, dataDir: ":memory:", logger: silentLogger });
});
afterAll(async () => server?.close());

describe("hotpatch's own client: binary bundle patches", () => {
  it.each([
    // The targets for the one-line change; otherwise well under half of the full package.
    ["v1", "v2", "js", 1024],
    ["v1", "v3", "js", "40%"],
    ["v3", "v4", "js", 8_000],
    ["v1", "v2", "hermes", 0.03 * 2_505_280],
    ["v1", "v4", "hermes", "40%"],
  ] as const)("%s → %s (%s) downloads a patch and assembles the new release exactly", async (from, to, kind, limit) => {
    const app = `client-${from}-${to}-${kind}`;
    await server.hotpatch.apps.create(app);
    const folderOf = (v: string) => (kind === "js" ? codePushFolder(v, "android") : hermesFolder(v));
    const base = await folderOf(from);
    const target = await folderOf(to);
    const r1 = await release(app, "Production", base);
    const r2 = await release(app, "Production", target);
    const maxBytes = limit === "40%" ? 0.4 * r2.size : limit;
    const key = (await server.hotpatch.apps.getDeployment(app, "Production")).key;

    const current = (await filesOf(base)) as PackageFiles;
    expect(packageHash(current)).toBe(r1.packageHash);
    const offer = await checkForUpdate({ serverUrl: server.url, deploymentKey: key, appVersion: "1.0.0", label: r1.label, packageHash: r1.packageHash }, env);
    expect(offer?.bundlePatch).not.toBeNull();
    const result = await downloadUpdate(offer!, current, env);
    expect(result.kind).toBe("bundle-patch");
    expect(result.bytes).toBeLessThanOrEqual(maxBytes);
    const expected = await filesOf(target);
    expect(Buffer.from(result.files.get("CodePush/index.android.bundle") as Uint8Array).equals(expected.get("CodePush/index.android.bundle") as Buffer)).toBe(true);
    expect(packageHash(result.files)).toBe(offer!.packageHash);
  });

  it("patches from the bundle embedded in a registered store binary (Hermes)", async () => {
    const app = "client-embedded";
    await server.hotpatch.apps.create(app);
    const embedded = await hermesFolder("v1");
    const zip = join(work, "binary.zip");
    await zipDirectory(embedded, zip);
    const binary = await server.hotpatch.binaries.add(app, "android", "1.0.0", await readFile(zip));
    await release(app, "Production", await hermesFolder("v2"), "^1.0.0");
    const key = (await server.hotpatch.apps.getDeployment(app, "Production")).key;

    const current = (await filesOf(embedded)) as PackageFiles;
    const offer = await checkForUpdate({ serverUrl: server.url, deploymentKey: key, appVersion: "1.0.0", packageHash: binary.packageHash }, env);
    const result = await downloadUpdate(offer!, current, env);
    expect(result.kind).toBe("bundle-patch");
    expect(result.bytes).toBeLessThan(0.03 * 2_505_280);
    expect(packageHash(result.files)).toBe(offer!.packageHash);
  });

  it("falls back to a larger download when a smaller one does not verify, and refuses what never verifies", async () => {
    const app = "client-tampered";
    await server.hotpatch.apps.create(app);
    const base = await codePushFolder("v1", "android");
    const r1 = await release(app, "Production", base);
    await release(app, "Production", await codePushFolder("v2", "android"));
    const key = (await server.hotpatch.apps.getDeployment(app, "Production")).key;
    const offer = (await checkForUpdate({ serverUrl: server.url, deploymentKey: key, appVersion: "1.0.0", label: r1.label, packageHash: r1.packageHash }, env))!;

    // A corrupted asset on the device: patch and diff both build on it and fail; the full package repairs it.
    const damaged = (await filesOf(base)) as PackageFiles;
    damaged.set("CodePush/drawable-mdpi/src_assets_logo.png", new Uint8Array([1, 2, 3]));
    expect((await downloadUpdate(offer, damaged, env)).kind).toBe("full");
    // A device whose bundle is not the base's: the patch refuses it; the diff package carries the new bundle.
    const otherBundle = (await filesOf(base)) as PackageFiles;
    otherBundle.set("CodePush/index.android.bundle", new TextEncoder().encode("not the v1 bundle"));
    expect((await downloadUpdate(offer, otherBundle, env)).kind).toBe("diff");
    // Whatever is downloaded is tampered with: nothing is ever accepted.
    const tampering: ClientEnvironment = {
      fetch: env.fetch,
      unzip: async (bytes) => {
        const files = await env.unzip(bytes);
        for (const [path, data] of files) if (path.endsWith(".png")) files.set(path, Uint8Array.from(data, (b) => b ^ 1));
        return files;
      },
    };
    await expect(downloadUpdate(offer, damaged, tampering)).rejects.toMatchObject({ code: "update_verification_failed" });
  });
});
