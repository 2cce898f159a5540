import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { createHotpatch } from "@hotpatch/core";
import { silentLogger } from "@hotpatch/core/testing";
import { createHttpApp, listen, type RunningServer } from "@hotpatch/http";
import { MemoryObjectStore } from "@hotpatch/provider-local";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { runHotpatch } from "../unit/support/run-cli.js";
import { makeTempDir, removeDir } from "../unit/support/temp-dir.js";

const APP_KEY = "203753385";
const APP_SECRET = "cli-app-secret-0123456789";

/** The CLI against the HTTP app on 127.0.0.1 that requires API Gateway signatures on every route. */
describe("hotpatch behind API Gateway app authentication", () => {
  let server: RunningServer;
  let home: string;
  let accessKey: string;

  beforeEach(async () => {
    const store = new MemoryObjectStore({ publicBaseUrl: "http://127.0.0.1:9" });
    const hotpatch = createHotpatch({ store, logger: silentLogger });
    accessKey = (await hotpatch.accessKeys.create({ friendlyName: "cli" })).secret;
    const app = createHttpApp({ hotpatch, store, logger: silentLogger, apiGatewayAuth: { apps: { [APP_KEY]: APP_SECRET }, scope: "all" } });
    server = await listen(app, { port: 0 });
    home = await makeTempDir("api-gateway");
  });
  afterEach(async () => {
    await server.close();
    await removeDir(home);
  });

  const env = (extra: Record<string, string> = {}) => ({ HOTPATCH_HOME: home, HOTPATCH_SERVER: server.url, HOTPATCH_ACCESS_KEY: accessKey, ...extra });

  it("signs every call with --ca-key/--ca-secret, the streamed release upload included", async () => {
    expect((await runHotpatch(["app", "add", "shop", "--ca-key", APP_KEY, "--ca-secret", APP_SECRET], env())).code).toBe(0);
    const bundle = join(home, "index.android.bundle");
    await writeFile(bundle, "console.log('signed release')\n");
    const release = await runHotpatch(["release", "shop", bundle, "1.0.0", "--ca-key", APP_KEY, "--ca-secret", APP_SECRET], env());
    expect(release.stderr).toBe("");
    expect(release.code).toBe(0);
    expect(release.stdout).toContain("v1");
  });

  it("takes the credentials from HOTPATCH_CA_KEY / HOTPATCH_CA_SECRET, for login too", async () => {
    const login = await runHotpatch(["login", server.url], env({ HOTPATCH_CA_KEY: APP_KEY, HOTPATCH_CA_SECRET: APP_SECRET }));
    expect(login.code).toBe(0);
    expect((await runHotpatch(["app", "ls"], env({ HOTPATCH_CA_KEY: APP_KEY, HOTPATCH_CA_SECRET: APP_SECRET }))).code).toBe(0);
  });

  it("is refused unsigned or with a wrong secret, and never prints the secret", async () => {
    const unsigned = await runHotpatch(["app", "ls"], env());
    expect(unsigned.code).toBe(1);
    expect(unsigned.stderr).toContain("X-Ca-Key");
    const wrong = await runHotpatch(["app", "ls", "--ca-key", APP_KEY, "--ca-secret", "wrong-secret-value"], env());
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toContain("X-Ca-Signature does not match");
    expect(wrong.stderr + wrong.stdout).not.toContain("wrong-secret-value");
  });

  it("asks for the missing half of the credentials", async () => {
    const half = await runHotpatch(["app", "ls", "--ca-key", APP_KEY], env());
    expect(half.code).toBe(1);
    expect(half.stderr).toContain("--ca-secret");
  });
});
