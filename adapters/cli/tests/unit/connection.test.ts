import { readFile, stat, writeFile, mkdir } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { ACCESS_KEY } from "./support/fixtures.js";
import { FakeManagementServer } from "./support/fake-server.js";
import { runHotpatch } from "./support/run-cli.js";
import { makeTempDir, removeDir } from "./support/temp-dir.js";

describe("connection: flags, environment, login session", () => {
  const server = new FakeManagementServer();
  let home: string;

  beforeAll(() => server.start());
  afterAll(() => server.stop());

  beforeEach(async () => {
    home = await makeTempDir("home");
    server.reset((request) =>
      request.url === "/authenticated"
        ? { status: 200, body: { authenticated: true } }
        : { status: 200, body: { apps: [] } },
    );
  });

  afterEach(() => removeDir(home));

  it("explains how to connect when no server is configured", async () => {
    const run = await runHotpatch(["app", "ls"], { HOTPATCH_HOME: home });

    expect(run.code).toBe(1);
    expect(run.stdout).toBe("");
    expect(run.stderr).toBe(
      'error: no server configured: run "hotpatch login <serverUrl> --access-key <key>", or pass --server <url> ' +
        "and --access-key <key>, or set HOTPATCH_SERVER and HOTPATCH_ACCESS_KEY\n",
    );
  });

  it("explains how to connect when the access key is missing", async () => {
    const run = await runHotpatch(["app", "ls", "--server", server.url], { HOTPATCH_HOME: home });

    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^error: no access key for http:\/\/127\.0\.0\.1:\d+: run "hotpatch login/);
    expect(server.requests).toHaveLength(0);
  });

  it("logs in: checks the key, saves server and key with mode 0600; logout removes them", async () => {
    const login = await runHotpatch(["login", `${server.url}/`, "--access-key", ACCESS_KEY], { HOTPATCH_HOME: home });

    expect(login.stderr).toBe("");
    expect(login.code).toBe(0);
    expect(server.requests.map((r) => [r.url, r.headers.authorization])).toEqual([
      ["/authenticated", `Bearer ${ACCESS_KEY}`],
    ]);
    const file = join(home, "session.json");
    expect(JSON.parse(await readFile(file, "utf8"))).toEqual({ server: server.url, accessKey: ACCESS_KEY });
    expect((await stat(file)).mode & 0o777).toBe(0o600);

    const apps = await runHotpatch(["app", "ls", "--json"], { HOTPATCH_HOME: home });
    expect(apps.code).toBe(0);
    expect(JSON.parse(apps.stdout)).toEqual({ apps: [] });
    expect(server.requests.at(-1)?.headers.authorization).toBe(`Bearer ${ACCESS_KEY}`);

    const logout = await runHotpatch(["logout"], { HOTPATCH_HOME: home });
    expect(logout.code).toBe(0);
    await expect(stat(file)).rejects.toThrow();
    const after = await runHotpatch(["app", "ls"], { HOTPATCH_HOME: home });
    expect(after.code).toBe(1);
  });

  it("does not save a session when the server rejects the key", async () => {
    server.reset(() => ({ status: 401, body: "Unknown access key." }));

    const run = await runHotpatch(["login", server.url, "--access-key", ACCESS_KEY], { HOTPATCH_HOME: home });

    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^error: the server rejected the access key \(HTTP 401\): Unknown access key\./);
    await expect(stat(join(home, "session.json"))).rejects.toThrow();
  });

  it("needs an access key to log in", async () => {
    const run = await runHotpatch(["login", server.url], { HOTPATCH_HOME: home });

    expect(run.code).toBe(1);
    expect(run.stderr).toContain("login needs an access key");
    expect(server.requests).toHaveLength(0);
  });

  it("takes the flag over the environment over the session file", async () => {
    await mkdir(home, { recursive: true });
    await writeFile(join(home, "session.json"), JSON.stringify({ server: server.url, accessKey: "session-key-0123456789" }));
    const env = { HOTPATCH_HOME: home, HOTPATCH_ACCESS_KEY: "environment-key-0123456789" };

    await runHotpatch(["app", "ls"], { HOTPATCH_HOME: home });
    await runHotpatch(["app", "ls"], env);
    await runHotpatch(["app", "ls", "--access-key", "flag-key-0123456789"], env);

    expect(server.requests.map((r) => r.headers.authorization)).toEqual([
      "Bearer session-key-0123456789",
      "Bearer environment-key-0123456789",
      "Bearer flag-key-0123456789",
    ]);
  });

  it("never sends the saved key to a server other than the one it was saved for", async () => {
    await writeFile(join(home, "session.json"), JSON.stringify({ server: "http://127.0.0.1:9", accessKey: ACCESS_KEY }));

    const run = await runHotpatch(["app", "ls", "--server", server.url], { HOTPATCH_HOME: home });

    expect(run.code).toBe(1);
    expect(run.stderr).toContain("(the saved login is for http://127.0.0.1:9)");
    expect(server.requests).toHaveLength(0);
  });

  it("reports an unreachable server in one line", async () => {
    const run = await runHotpatch(["app", "ls", "--server", "http://127.0.0.1:9", "--access-key", ACCESS_KEY], {
      HOTPATCH_HOME: home,
    });

    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^error: cannot reach http:\/\/127\.0\.0\.1:9: .+\n$/);
  });
});
