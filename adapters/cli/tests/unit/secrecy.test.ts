import { join } from "node:path";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { ACCESS_KEY } from "./support/fixtures.js";
import { FakeManagementServer } from "./support/fake-server.js";
import { runHotpatch, type CliRun } from "./support/run-cli.js";
import { makeTempDir, removeDir } from "./support/temp-dir.js";

/** Whatever goes wrong, the access key in use must never reach the terminal. */
describe("the access key never appears in any output", () => {
  const server = new FakeManagementServer();
  let home: string;

  beforeAll(() => server.start());
  afterAll(() => server.stop());

  beforeEach(async () => {
    home = await makeTempDir("secrecy");
  });

  afterEach(() => removeDir(home));

  function expectNoKey(run: CliRun): void {
    expect(run.stdout).not.toContain(ACCESS_KEY);
    expect(run.stderr).not.toContain(ACCESS_KEY);
  }

  it("when the server echoes the key in an error body", async () => {
    server.reset((request) => ({ status: 401, body: `key ${String(request.headers.authorization)} is unknown` }));

    const viaFlag = await runHotpatch(["app", "ls", "--server", server.url, "--access-key", ACCESS_KEY], {
      HOTPATCH_HOME: home,
    });
    const viaEnv = await runHotpatch(["app", "ls"], {
      HOTPATCH_HOME: home,
      HOTPATCH_SERVER: server.url,
      HOTPATCH_ACCESS_KEY: ACCESS_KEY,
    });

    for (const run of [viaFlag, viaEnv]) {
      expect(run.code).toBe(1);
      expect(run.stderr).toContain("is unknown");
      expectNoKey(run);
    }
  });

  it("when the server echoes the key in a successful answer", async () => {
    server.reset((request) => ({
      status: 200,
      body: { apps: [{ name: String(request.headers.authorization), collaborators: {}, deployments: [] }] },
    }));

    for (const json of [[], ["--json"]]) {
      const run = await runHotpatch(["app", "ls", ...json], {
        HOTPATCH_HOME: home,
        HOTPATCH_SERVER: server.url,
        HOTPATCH_ACCESS_KEY: ACCESS_KEY,
      });
      expect(run.code).toBe(0);
      expectNoKey(run);
    }
  });

  it("when the key comes from the session file", async () => {
    server.reset((request) => ({ status: 200, body: { authenticated: true, echo: request.headers.authorization } }));
    const login = await runHotpatch(["login", server.url, `--access-key=${ACCESS_KEY}`, "--json"], { HOTPATCH_HOME: home });
    expect(login.code).toBe(0);
    expectNoKey(login);

    server.reset((request) => ({ status: 500, body: `crashed on ${String(request.headers.authorization)}` }));
    const run = await runHotpatch(["deployment", "ls", "MyApp"], { HOTPATCH_HOME: home });
    expect(run.code).toBe(1);
    expectNoKey(run);
    expect(run.stderr).toContain("crashed on Bearer ***");
  });

  it("when option parsing fails or the server is unreachable", async () => {
    const runs = await Promise.all([
      runHotpatch(["--access-key", ACCESS_KEY, "no-such-command"], { HOTPATCH_HOME: home }),
      runHotpatch(["app", "add", "a", "b", `--access-key=${ACCESS_KEY}`], { HOTPATCH_HOME: home }),
      runHotpatch(["app", "ls", "--access-key", ACCESS_KEY, "--server", "http://127.0.0.1:9"], { HOTPATCH_HOME: home }),
      runHotpatch(["app", "ls", "--server", ACCESS_KEY], { HOTPATCH_HOME: home, HOTPATCH_ACCESS_KEY: ACCESS_KEY }),
      runHotpatch(["app", "ls", "--server", server.url, "--access-key", `${ACCESS_KEY} \n`], { HOTPATCH_HOME: home }),
    ]);
    for (const run of runs) {
      expect(run.code).toBe(1);
      expectNoKey(run);
    }
  });

  it("the session file lives where HOTPATCH_HOME says", async () => {
    server.reset(() => ({ status: 200, body: { authenticated: true } }));
    const run = await runHotpatch(["login", server.url, "--access-key", ACCESS_KEY], { HOTPATCH_HOME: home });
    expect(run.stdout).toContain(join(home, "session.json"));
    expectNoKey(run);
  });
});
