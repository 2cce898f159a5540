import { existsSync, readdirSync } from "node:fs";
import { writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { ACCESS_KEY, releasedPackage } from "./support/fixtures.js";
import { FakeManagementServer, parseMultipart, type RecordedRequest } from "./support/fake-server.js";
import { readZip } from "./support/read-zip.js";
import { runHotpatch } from "./support/run-cli.js";
import { rnBundlesDir } from "../e2e/rn-fixtures.js";
import { copyFixture, makeTempDir, removeDir } from "./support/temp-dir.js";

const IOS_FIXTURE = join(rnBundlesDir(), "v1", "ios");

describe("hotpatch release", () => {
  const server = new FakeManagementServer();
  let temp: string;
  let env: Record<string, string>;

  beforeAll(() => server.start());
  afterAll(() => server.stop());

  beforeEach(async () => {
    temp = await makeTempDir("release");
    env = { HOTPATCH_HOME: join(temp, "home"), HOTPATCH_SERVER: server.url, HOTPATCH_ACCESS_KEY: ACCESS_KEY };
    server.reset(() => ({ status: 201, body: { package: releasedPackage({ label: "v7", appVersion: "^1.0.0" }) } }));
  });

  afterEach(() => removeDir(temp));

  async function packageInfoOf(request: RecordedRequest): Promise<unknown> {
    return JSON.parse(String((await parseMultipart(request)).get("packageInfo")));
  }

  it("zips a directory and posts it as the multipart file `package` with the packageInfo", async () => {
    const folder = join(temp, "CodePush");
    await copyFixture(IOS_FIXTURE, folder);

    const run = await runHotpatch(
      ["release", "My App", folder, "^1.0.0", "-d", "Production", "-m", "-r", "25%", "--description", "Fix login"],
      env,
    );

    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(server.requests).toHaveLength(1);
    const [request] = server.requests as [RecordedRequest];
    expect(request.method).toBe("POST");
    expect(request.url).toBe("/apps/My%20App/deployments/Production/release");
    expect(request.headers.authorization).toBe(`Bearer ${ACCESS_KEY}`);
    expect(String(request.headers["content-type"])).toMatch(/^multipart\/form-data; boundary=/);

    const form = await parseMultipart(request);
    expect(await packageInfoOf(request)).toEqual({
      appVersion: "^1.0.0",
      description: "Fix login",
      isMandatory: true,
      isDisabled: false,
      rollout: 25,
    });
    const file = form.get("package");
    expect(file).toBeInstanceOf(File);
    expect((file as File).name).toBe("CodePush.zip");
    const entries = await readZip(Buffer.from(await (file as File).arrayBuffer()));
    expect(entries.size).toBe(28);
    expect(entries.has("CodePush/main.jsbundle")).toBe(true);
    expect([...entries.keys()].filter((n) => n.startsWith("CodePush/assets/node_modules/"))).toHaveLength(13);

    expect(run.stdout).toContain('Released v7 to "Production" of "My App"');
    expect(run.stdout).toContain("a".repeat(64));
  });

  it("sends the CodePush CLI defaults when no option is given", async () => {
    const bundle = join(temp, "main.jsbundle");
    await writeFile(bundle, "console.log(1)\n");

    const run = await runHotpatch(["release", "MyApp", bundle, "1.0.0"], env);

    expect(run.code).toBe(0);
    const [request] = server.requests as [RecordedRequest];
    expect(request.url).toBe("/apps/MyApp/deployments/Staging/release");
    expect(await packageInfoOf(request)).toEqual({
      appVersion: "1.0.0",
      description: null,
      isMandatory: false,
      isDisabled: false,
      rollout: 100,
    });
  });

  it("uploads a single file raw and prints only JSON with --json", async () => {
    const bundle = join(temp, "index.android.bundle");
    await writeFile(bundle, "console.log(1)\n");

    const run = await runHotpatch(["release", "MyApp", bundle, "1.0.0", "--json", "-x"], env);

    expect(run.code).toBe(0);
    expect(run.stderr).toBe("");
    const output: unknown = JSON.parse(run.stdout);
    expect(output).toEqual({ released: true, package: releasedPackage({ label: "v7", appVersion: "^1.0.0" }) });
    const form = await parseMultipart(server.requests[0] as RecordedRequest);
    const file = form.get("package") as File;
    expect(file.name).toBe("index.android.bundle");
    expect(await file.text()).toBe("console.log(1)\n");
    expect(JSON.parse(String(form.get("packageInfo")))).toMatchObject({ isDisabled: true });
  });

  it("uploads a ready .zip as it is", async () => {
    const zip = join(temp, "ready.zip");
    const bytes = Buffer.from("PK\u0003\u0004 pretend zip");
    await writeFile(zip, bytes);

    const run = await runHotpatch(["release", "MyApp", zip, "1.0.0"], env);

    expect(run.code).toBe(0);
    const file = (await parseMultipart(server.requests[0] as RecordedRequest)).get("package") as File;
    expect(file.name).toBe("ready.zip");
    expect(Buffer.from(await file.arrayBuffer()).equals(bytes)).toBe(true);
  });

  it("removes its temporary zip afterwards, also when the server refuses the release", async () => {
    // A folder name no other test uses: other test files release in parallel and have temp dirs too.
    const name = `Unique${Date.now()}${Math.random().toString(36).slice(2)}`;
    const folder = join(temp, name);
    await copyFixture(IOS_FIXTURE, folder);
    const zipsOfThisFolder = () =>
      readdirSync(tmpdir()).filter((dir) => dir.startsWith("hotpatch-release-") && existsSync(join(tmpdir(), dir, `${name}.zip`)));
    let whileUploading: string[] = [];
    server.reset(() => {
      whileUploading = zipsOfThisFolder();
      return { status: 500, body: "storage unavailable" };
    });

    const run = await runHotpatch(["release", "MyApp", folder, "1.0.0"], env);

    expect(run.code).toBe(1);
    expect(run.stderr).toBe("error: storage unavailable (HTTP 500)\n");
    expect(whileUploading).toHaveLength(1); // the zip existed during the upload…
    expect(zipsOfThisFolder()).toEqual([]); // …and is gone afterwards
  });

  it("turns a 409 into a warning and exit 0 with --no-duplicate-release-error", async () => {
    const bundle = join(temp, "main.jsbundle");
    await writeFile(bundle, "console.log(1)\n");
    server.reset(() => ({ status: 409, body: "This release is identical to the latest release v6." }));

    const run = await runHotpatch(["release", "MyApp", bundle, "1.0.0", "--no-duplicate-release-error"], env);

    expect(run.code).toBe(0);
    expect(run.stderr).toBe("warning: release skipped: This release is identical to the latest release v6. (HTTP 409)\n");

    const json = await runHotpatch(
      ["release", "MyApp", bundle, "1.0.0", "--no-duplicate-release-error", "--json"],
      env,
    );
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout)).toMatchObject({ released: false });
  });

  it("fails on a 409 without --no-duplicate-release-error, printing the server's text", async () => {
    const bundle = join(temp, "main.jsbundle");
    await writeFile(bundle, "console.log(1)\n");
    server.reset(() => ({ status: 409, body: "This release is identical to the latest release v6." }));

    const run = await runHotpatch(["release", "MyApp", bundle, "1.0.0"], env);

    expect(run.code).toBe(1);
    expect(run.stdout).toBe("");
    expect(run.stderr).toBe("error: This release is identical to the latest release v6. (HTTP 409)\n");
  });

  it("rejects an invalid target range before sending anything", async () => {
    const bundle = join(temp, "main.jsbundle");
    await writeFile(bundle, "console.log(1)\n");

    const run = await runHotpatch(["release", "MyApp", bundle, "one.two"], env);

    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^error: "one\.two" is not a valid target binary version range; .*\n$/);
    expect(run.stderr.split("\n")).toHaveLength(2);
    expect(server.requests).toHaveLength(0);
  });

  it("rejects an out-of-range rollout before sending anything", async () => {
    const run = await runHotpatch(["release", "MyApp", temp, "1.0.0", "-r", "0"], env);

    expect(run.code).toBe(1);
    expect(run.stderr).toContain("Expected a whole percentage from 1 to 100");
    expect(server.requests).toHaveLength(0);
  });

  it("says clearly when the release path does not exist", async () => {
    const run = await runHotpatch(["release", "MyApp", join(temp, "missing"), "1.0.0"], env);

    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^error: cannot read .*missing: /);
    expect(server.requests).toHaveLength(0);
  });
});

