import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { ACCESS_KEY, releasedPackage } from "./support/fixtures.js";
import { FakeManagementServer, type FakeReply, type RecordedRequest } from "./support/fake-server.js";
import { runHotpatch } from "./support/run-cli.js";
import { makeTempDir, removeDir } from "./support/temp-dir.js";

/** Checks what each management command sends and how it prints the answer. */
describe("management commands", () => {
  const server = new FakeManagementServer();
  let home: string;
  let routes: Record<string, FakeReply>;

  beforeAll(() => server.start());
  afterAll(() => server.stop());

  beforeEach(async () => {
    home = await makeTempDir("commands");
    routes = {};
    server.reset((request) => routes[`${request.method} ${request.url}`] ?? { status: 404, body: "Not found in test" });
  });

  afterEach(() => removeDir(home));

  const hotpatch = (...argv: string[]) =>
    runHotpatch(argv, { HOTPATCH_HOME: home, HOTPATCH_SERVER: server.url, HOTPATCH_ACCESS_KEY: ACCESS_KEY });

  const bodyOf = (request: RecordedRequest | undefined): unknown => JSON.parse(request?.body.toString() ?? "null");

  it("app add creates the app and prints both deployment keys", async () => {
    routes["POST /apps"] = {
      status: 201,
      body: { app: { name: "MyApp", collaborators: {}, deployments: ["Production", "Staging"] } },
    };
    routes["GET /apps/MyApp/deployments"] = {
      status: 200,
      body: { deployments: [{ name: "Production", key: "prod-key-123" }, { name: "Staging", key: "staging-key-456" }] },
    };

    const run = await hotpatch("app", "add", "MyApp");

    expect(run.code).toBe(0);
    expect(bodyOf(server.requests[0])).toEqual({ name: "MyApp" });
    expect(server.requests[0]?.headers["content-type"]).toBe("application/json;charset=UTF-8");
    expect(run.stdout).toBe(
      [
        'Created app "MyApp". Deployment keys:',
        "Name        Deployment key",
        "----------  ---------------",
        "Production  prod-key-123",
        "Staging     staging-key-456",
        "",
      ].join("\n"),
    );
  });

  it("app ls, rename and rm", async () => {
    routes["GET /apps"] = {
      status: 200,
      body: { apps: [{ name: "MyApp", collaborators: {}, deployments: ["Production", "Staging"] }] },
    };
    routes["PATCH /apps/MyApp"] = { status: 200, body: { app: { name: "Renamed", collaborators: {}, deployments: [] } } };
    routes["DELETE /apps/Renamed"] = { status: 204 };

    const ls = await hotpatch("app", "ls");
    const rename = await hotpatch("app", "rename", "MyApp", "Renamed");
    const rm = await hotpatch("app", "rm", "Renamed", "--json");

    expect(ls.stdout).toContain("MyApp  Production, Staging");
    expect(rename.stdout).toBe('Renamed app "MyApp" to "Renamed".\n');
    expect(bodyOf(server.requests[1])).toEqual({ name: "Renamed" });
    expect(JSON.parse(rm.stdout)).toEqual({ app: "Renamed", removed: true });
  });

  it("deployment ls shows keys with -k, the latest release and its install counts", async () => {
    routes["GET /apps/MyApp/deployments"] = {
      status: 200,
      body: {
        deployments: [
          { name: "Production", key: "prod-key-123", package: releasedPackage({ label: "v3", rollout: 20 }) },
          { name: "Staging", key: "staging-key-456", package: null },
        ],
      },
    };
    routes["GET /apps/MyApp/deployments/Production/metrics"] = {
      status: 200,
      body: { metrics: { v3: { active: 5, downloaded: 9, installed: 7, failed: 1 } } },
    };

    const run = await hotpatch("deployment", "ls", "MyApp", "-k");

    expect(run.code).toBe(0);
    expect(run.stdout.split("\n")).toEqual([
      "Name        Deployment key   Label  App version  Mandatory  Rollout  Active  Installed",
      "----------  ---------------  -----  -----------  ---------  -------  ------  ---------",
      "Production  prod-key-123     v3     1.0.0        no         20%      5       7",
      "Staging     staging-key-456  -      -            -          -        -       -",
      "",
    ]);
    const withoutKeys = await hotpatch("deployment", "ls", "MyApp");
    expect(withoutKeys.stdout).not.toContain("prod-key-123");
  });

  it("deployment add (custom key), rename, rm and clear", async () => {
    routes["POST /apps/MyApp/deployments"] = { status: 201, body: { deployment: { name: "Beta", key: "my-key" } } };
    routes["PATCH /apps/MyApp/deployments/Beta"] = { status: 200, body: { deployment: { name: "Gamma", key: "my-key" } } };
    routes["DELETE /apps/MyApp/deployments/Gamma/history"] = { status: 204 };
    routes["DELETE /apps/MyApp/deployments/Gamma"] = { status: 204 };

    const add = await hotpatch("deployment", "add", "MyApp", "Beta", "--key", "my-key");
    const rename = await hotpatch("deployment", "rename", "MyApp", "Beta", "Gamma");
    const clear = await hotpatch("deployment", "clear", "MyApp", "Gamma");
    const rm = await hotpatch("deployment", "rm", "MyApp", "Gamma");

    expect(bodyOf(server.requests[0])).toEqual({ name: "Beta", key: "my-key" });
    expect(add.stdout).toContain("with key my-key");
    expect(bodyOf(server.requests[1])).toEqual({ name: "Gamma" });
    expect(rename.code).toBe(0);
    expect(clear.stdout).toContain("Cleared the release history");
    expect(rm.code).toBe(0);
    expect(server.requests.map((r) => r.method)).toEqual(["POST", "PATCH", "DELETE", "DELETE"]);
  });

  it("history (top-level and under deployment) lists releases and how they came to be", async () => {
    routes["GET /apps/MyApp/deployments/Production/history"] = {
      status: 200,
      body: {
        history: [
          releasedPackage({ label: "v1", description: "first\nline" }),
          releasedPackage({ label: "v2", releaseMethod: "Promote", originalLabel: "v4", originalDeployment: "Staging", isMandatory: true }),
          releasedPackage({ label: "v3", releaseMethod: "Rollback", originalLabel: "v1", rollout: 50 }),
        ],
      },
    };

    const top = await hotpatch("history", "MyApp", "Production");
    const nested = await hotpatch("deployment", "history", "MyApp", "Production", "--json");

    expect(top.code).toBe(0);
    expect(top.stdout).toContain("v1     2024-05-01 12:00:00 UTC  Upload                    1.0.0        no         no        100%     first line");
    expect(top.stdout).toContain("Promoted v4 from Staging");
    expect(top.stdout).toContain("Rolled back to v1");
    expect(top.stdout).toContain("50%");
    expect((JSON.parse(nested.stdout) as { history: unknown[] }).history).toHaveLength(3);
  });

  it("patch sends label null by default and reports 204 as nothing changed", async () => {
    routes["PATCH /apps/MyApp/deployments/Production/release"] = { status: 204 };

    const run = await hotpatch("patch", "MyApp", "Production", "-m", "false", "-r", "50");

    expect(run.code).toBe(0);
    expect(bodyOf(server.requests[0])).toEqual({ packageInfo: { label: null, isMandatory: false, rollout: 50 } });
    expect(run.stdout).toContain("Nothing changed");
  });

  it("patch of a given label prints the changed release", async () => {
    routes["PATCH /apps/MyApp/deployments/Production/release"] = {
      status: 200,
      body: { package: releasedPackage({ label: "v2", isDisabled: true, appVersion: "1.2.x" }) },
    };

    const run = await hotpatch("patch", "MyApp", "Production", "-l", "v2", "-x", "true", "-t", "1.2.x", "--description", "hi");

    expect(bodyOf(server.requests[0])).toEqual({
      packageInfo: { label: "v2", isDisabled: true, appVersion: "1.2.x", description: "hi" },
    });
    expect(run.stdout).toContain("Patched v2");
    expect(run.stdout).toContain("disabled yes");
  });

  it("patch refuses to send an empty change or a bad boolean", async () => {
    const empty = await hotpatch("patch", "MyApp", "Production");
    const bad = await hotpatch("patch", "MyApp", "Production", "-m", "yes");

    expect(empty.code).toBe(1);
    expect(empty.stderr).toContain("nothing to patch");
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('Expected "true" or "false".');
    expect(server.requests).toHaveLength(0);
  });

  it("promote sends only the given overrides", async () => {
    routes["POST /apps/MyApp/deployments/Staging/promote/Production"] = {
      status: 201,
      body: { package: releasedPackage({ label: "v9", releaseMethod: "Promote", originalLabel: "v4", rollout: 10 }) },
    };

    const run = await hotpatch("promote", "MyApp", "Staging", "Production", "-l", "v4", "--no-mandatory", "-r", "10", "-t", "^1.0.0");

    expect(run.code).toBe(0);
    expect(bodyOf(server.requests[0])).toEqual({
      packageInfo: { label: "v4", isMandatory: false, rollout: 10, appVersion: "^1.0.0" },
    });
    expect(run.stdout).toContain("as v9");

    await hotpatch("promote", "MyApp", "Staging", "Production");
    expect(bodyOf(server.requests[1])).toEqual({ packageInfo: {} });
  });

  it("rollback goes to the previous release, or to --target-release", async () => {
    const answer: FakeReply = {
      status: 201,
      body: { package: releasedPackage({ label: "v6", releaseMethod: "Rollback", originalLabel: "v3" }) },
    };
    routes["POST /apps/MyApp/deployments/Production/rollback"] = answer;
    routes["POST /apps/MyApp/deployments/Production/rollback/v3"] = answer;

    const previous = await hotpatch("rollback", "MyApp", "Production");
    const target = await hotpatch("rollback", "MyApp", "Production", "--target-release", "v3");

    expect(previous.code).toBe(0);
    expect(target.stdout).toContain("new release v6 has the content of v3");
    expect(server.requests.map((r) => r.url)).toEqual([
      "/apps/MyApp/deployments/Production/rollback",
      "/apps/MyApp/deployments/Production/rollback/v3",
    ]);
  });

  it("metrics prints a row per label with pending counts and the total", async () => {
    routes["GET /apps/MyApp/deployments/Production/metrics"] = {
      status: 200,
      body: {
        metrics: {
          "1.0.0": { active: 2 },
          v2: { active: 3, downloaded: 10, installed: 6, failed: 1 },
          v10: { active: 5, downloaded: 5, installed: 5, failed: 0 },
        },
      },
    };

    const run = await hotpatch("metrics", "MyApp", "Production");
    const json = await hotpatch("metrics", "MyApp", "Production", "--json");

    expect(run.stdout.split("\n")).toEqual([
      "Label  Active  Share  Downloaded  Installed  Failed  Pending",
      "-----  ------  -----  ----------  ---------  ------  -------",
      "v10    5       50%    5           5          0       0",
      "v2     3       30%    10          6          1       3",
      "1.0.0  2       20%    0           0          0       0",
      "",
      "Total active: 10",
      "",
    ]);
    expect(JSON.parse(json.stdout)).toMatchObject({ totalActive: 10, rows: [{ key: "v10" }, { key: "v2" }, { key: "1.0.0" }] });
  });

  it("access-key add sends the ttl in milliseconds and shows the new secret once", async () => {
    routes["POST /accessKeys"] = {
      status: 201,
      body: {
        accessKey: { name: "new-secret-for-ci", friendlyName: "ci", createdTime: 0, expires: 7_776_000_000 },
      },
    };

    const run = await hotpatch("access-key", "add", "ci", "--ttl", "90d");

    expect(bodyOf(server.requests[0])).toEqual({ friendlyName: "ci", ttl: 90 * 86_400_000 });
    expect(run.stdout).toContain("new-secret-for-ci");
  });

  it("access-key ls and rm", async () => {
    routes["GET /accessKeys"] = {
      status: 200,
      body: {
        accessKeys: [
          { name: "(hidden)", friendlyName: "ci", createdTime: 0, expires: 1, createdBy: "laptop" },
          { name: "(hidden)", friendlyName: "Login-1", createdTime: 0, expires: 8_000_000_000_000, isSession: true },
        ],
      },
    };
    routes["DELETE /accessKeys/ci"] = { status: 204 };

    const ls = await hotpatch("access-key", "ls");
    const rm = await hotpatch("access-key", "rm", "ci");

    expect(ls.stdout).toContain("(expired)");
    expect(ls.stdout).toContain("Login-1 (session)");
    expect(rm.stdout).toBe('Removed access key "ci".\n');
  });

  it("encodes names in paths", async () => {
    routes["GET /apps/My%20App%2Fx/deployments/Prod%3A1/history"] = { status: 200, body: { history: [] } };

    const run = await hotpatch("history", "My App/x", "Prod:1");

    expect(run.code).toBe(0);
    expect(run.stdout).toContain("has no releases yet");
  });

  it("prints a validation error body on one line", async () => {
    routes["POST /apps"] = { status: 400, body: '[\n  {"field":"name","message":"is required"}\n]' };

    const run = await hotpatch("app", "add", "x");

    expect(run.stderr).toBe('error: [ {"field":"name","message":"is required"} ] (HTTP 400)\n');
    expect(run.code).toBe(1);
  });

  it("says so when the URL does not lead to a management API", async () => {
    server.reset(() => ({ status: 200, body: "<html>hello</html>" }));

    const run = await hotpatch("app", "ls");

    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/did not answer with JSON \(HTTP 200\); is it a hotpatch or CodePush server\?\n$/);
  });
});
