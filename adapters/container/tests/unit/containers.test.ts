import {
  AccessKeys,
  CheckUpdate,
  DiffBuilder,
  IngestDroppedObject,
  ManageApps,
  ManageBinaries,
  MetricsStore,
  PublishRelease,
  Registry,
  ReportStatus,
  UploadRelease,
  type Logger,
} from "@hotpatch/core";
import { makeZip } from "@hotpatch/core/testing";
import {
  APP,
  LOGGER,
  OBJECT_STORE,
  USE_CASE_NAMES,
  USE_CASE_TOKENS,
  createApp,
  createHotpatchContainer,
  loadConfig,
  resolveHotpatch,
  type Environment,
  type HotpatchApp,
  type HotpatchConfig,
} from "@hotpatch/container";
import { registerHotpatch, resolveHotpatch as resolveFromTsyringe } from "@hotpatch/container/tsyringe";
import { MemoryLogger } from "@hotpatch/provider-local";
import { container as tsyringeRoot } from "tsyringe";
import { describe, expect, it } from "vitest";

const ACCESS_KEY = "container_test_key_0001";
const BASE = "https://ota.example.test";
const memory = (env: Environment = {}): HotpatchConfig =>
  loadConfig({ env: { HOTPATCH_DATA_DIR: ":memory:", HOTPATCH_PUBLIC_URL: BASE, HOTPATCH_ACCESS_KEY: ACCESS_KEY, HOTPATCH_LOG_LEVEL: "error", ...env }, file: false });

const CLASSES = {
  registry: Registry,
  apps: ManageApps,
  accessKeys: AccessKeys,
  upload: UploadRelease,
  ingest: IngestDroppedObject,
  check: CheckUpdate,
  publish: PublishRelease,
  report: ReportStatus,
  metrics: MetricsStore,
  diffs: DiffBuilder,
  binaries: ManageBinaries,
} as const;

/** The three compositions under test, each resolving every use case by its token. */
const COMPOSITIONS = {
  createApp: async (config: HotpatchConfig) => {
    const app = await createApp(config);
    return { app, useCase: async (name: keyof typeof CLASSES) => app.hotpatch[name] };
  },
  inversify: async (config: HotpatchConfig) => {
    const container = createHotpatchContainer(config);
    return { app: await resolveHotpatch(container, APP), useCase: (name: keyof typeof CLASSES) => resolveHotpatch(container, USE_CASE_TOKENS[name]) };
  },
  tsyringe: async (config: HotpatchConfig) => {
    const container = await registerHotpatch(tsyringeRoot.createChildContainer(), config);
    return { app: resolveFromTsyringe(container, APP), useCase: async (name: keyof typeof CLASSES) => resolveFromTsyringe(container, USE_CASE_TOKENS[name]) };
  },
};

describe.each(["inversify", "tsyringe"] as const)("the %s container", (kind) => {
  it("resolves every use case, one instance each, and answers an update check on the memory provider", async () => {
    const { app, useCase } = await COMPOSITIONS[kind](memory());
    expect(USE_CASE_NAMES.sort()).toEqual(Object.keys(CLASSES).sort());
    for (const name of USE_CASE_NAMES) {
      const resolved = await useCase(name);
      expect(resolved, name).toBeInstanceOf(CLASSES[name]);
      expect(await useCase(name), `${name} is a singleton`).toBe(resolved);
      expect(app.hotpatch[name], `${name} is the app's own`).toBe(resolved);
    }

    const apps = (await useCase("apps")) as ManageApps;
    const upload = (await useCase("upload")) as UploadRelease;
    const check = (await useCase("check")) as CheckUpdate;
    const view = await apps.create("shop");
    const key = view.deployments.find((d) => d.name === "Staging")?.key;
    const bytes = await makeZip([{ name: "CodePush/index.android.bundle", data: `console.log("${kind}")` }]);
    await upload.execute({ appName: "shop", deploymentName: "Staging", bytes, fileName: "release.zip", options: { appVersion: "1.0.0" } });
    const answer = await check.execute({ deploymentKey: key ?? null, appVersion: "1.0.0", clientUniqueId: "device" });
    expect(answer).toMatchObject({ isAvailable: true, label: "v1", appVersion: "1.0.0" });
    expect(answer.downloadURL.startsWith(`${BASE}/storage/packages/`)).toBe(true);
    await app.settle();
  });
});

describe("a team's own logger", () => {
  it("replaces the configured one: rebound in inversify, registered first in tsyringe", async () => {
    const config = memory({ HOTPATCH_LOG_LEVEL: "info" });
    const mine = new MemoryLogger();
    const inversify = createHotpatchContainer(config);
    inversify.rebind<Logger>(LOGGER).toConstantValue(mine);
    const viaInversify = await resolveHotpatch(inversify, APP);

    const theirs = new MemoryLogger();
    const child = tsyringeRoot.createChildContainer();
    child.register<Logger>(LOGGER, { useValue: theirs });
    const viaTsyringe = resolveFromTsyringe(await registerHotpatch(child, config), APP);

    for (const [app, logger] of [[viaInversify, mine], [viaTsyringe, theirs]] as const) {
      expect(app.logger).toBe(logger);
      await app.hotpatch.apps.create("logged");
      expect(logger.entries.map((entry) => entry.msg)).toContain("app created");
    }
  });
});

interface Answer {
  status: number;
  body: unknown;
}

/** Ids, times and signatures differ between any two runs; the rest must not. */
function normalise(value: unknown, key = ""): unknown {
  if (typeof value === "number" && /time$|Time$|expires/.test(key)) return "<time>";
  if (typeof value === "string" && ["id", "key", "packageHash", "package_hash", "releasedBy"].includes(key)) return `<${key}>`;
  if (Array.isArray(value)) return value.map((item) => normalise(item));
  if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, normalise(v, k)]));
  return value;
}

/** Bytes that do not compress, the same in every run. */
function noise(length: number): Buffer {
  const bytes = Buffer.alloc(length);
  let state = 0x2545f491;
  for (let i = 0; i < length; i++) {
    state = (state * 1103515245 + 12345) >>> 0;
    bytes[i] = state >>> 24;
  }
  return bytes;
}

/** The same requests, in the same order, through a composition's HTTP app. */
async function script(app: HotpatchApp, base: string): Promise<Answer[]> {
  await app.ensureAccessKey();
  const answers: Answer[] = [];
  const ask = async (method: string, path: string, body?: BodyInit | object, auth = true): Promise<unknown> => {
    const headers: Record<string, string> = auth ? { Authorization: `Bearer ${ACCESS_KEY}` } : {};
    let payload: BodyInit | undefined;
    if (body instanceof FormData) payload = body;
    else if (body !== undefined) {
      payload = JSON.stringify(body);
      headers["Content-Type"] = "application/json";
    }
    const response = await app.http.fetch(new Request(`${base}${path}`, { method, headers, ...(payload ? { body: payload } : {}) }));
    const text = await response.text();
    const parsed: unknown = response.headers.get("content-type")?.includes("json") ? JSON.parse(text) : text;
    answers.push({ status: response.status, body: normalise(parsed) });
    await app.settle();
    return parsed;
  };
  const release = async (content: string, size = 0): Promise<void> => {
    const form = new FormData();
    const zip = await makeZip([
      { name: "CodePush/index.android.bundle", data: content },
      { name: "CodePush/noise.bin", data: noise(size) },
    ]);
    form.append("package", new Blob([Uint8Array.from(zip)]), "release.zip");
    form.append("packageInfo", JSON.stringify({ appVersion: "1.0.0", description: content }));
    await ask("POST", "/apps/shop/deployments/Staging/release", form);
  };
  await ask("GET", "/apps", undefined, false);
  await ask("POST", "/apps", { name: "shop" });
  const { deployments } = (await ask("GET", "/apps/shop/deployments")) as { deployments: Array<{ name: string; key: string }> };
  const staging = deployments.find((d) => d.name === "Staging")?.key ?? "";
  await release("one");
  await release("two");
  await release("too big", 8 * 1024);
  const check = `/v0.1/public/codepush/update_check?deployment_key=${staging}&app_version=1.0.0&client_unique_id=d`;
  await ask("GET", check, undefined, false);
  const history = (await ask("GET", "/apps/shop/deployments/Staging/history")) as { history: Array<{ label: string; packageHash: string; diffPackageMap?: object }> };
  const v1 = history.history[0];
  await ask("GET", `${check}&label=v1&package_hash=${v1?.packageHash ?? ""}`, undefined, false);
  await ask("POST", "/v0.1/public/codepush/report_status/deploy", { deployment_key: staging, app_version: "1.0.0", label: "v2", status: "DeploymentSucceeded", client_unique_id: "d" }, false);
  await ask("POST", "/apps/shop/deployments/Staging/promote/Production", {});
  await ask("GET", "/apps/shop/deployments/Staging/metrics");
  await ask("POST", "/apps", { name: "bad/name" });
  return answers;
}

describe("both containers give the same answers as createApp", () => {
  it.each([
    ["the defaults", {}, ""],
    ["a base path, no diffs, a small package limit, a CORS origin", { HOTPATCH_BASE_PATH: "/ota", HOTPATCH_DIFFS: "false", HOTPATCH_MAX_PACKAGE_BYTES: "4096", HOTPATCH_CORS_ORIGIN: "https://console.example.test" }, "/ota"],
  ])("with %s", async (_name, env, path) => {
    const config = memory(env);
    const runs = await Promise.all(
      Object.entries(COMPOSITIONS).map(async ([name, compose]) => {
        const { app } = await compose(config);
        return [name, await script(app, `${BASE}${path}`)] as const;
      }),
    );
    const [reference, ...others] = runs;
    const answers = reference?.[1] ?? [];
    // The configuration must show in the answers, or the comparison proves little.
    expect(answers.map((answer) => answer.status)).toEqual(
      path ? [401, 201, 200, 201, 201, 413, 200, 200, 200, 200, 201, 200, 400] : [401, 201, 200, 201, 201, 201, 200, 200, 200, 200, 201, 200, 400],
    );
    for (const [name, other] of others) expect(other, `${name} vs createApp`).toEqual(answers);
  });
});

describe("the store the use cases write through", () => {
  it("ingests drops in-process unless the platform delivers bucket events", async () => {
    for (const platformTrigger of [false, true]) {
      const container = createHotpatchContainer(memory(), { platformTrigger });
      const app = await resolveHotpatch(container, APP);
      await app.hotpatch.apps.create("shop");
      const bytes = await makeZip([{ name: "CodePush/index.android.bundle", data: "dropped" }]);
      await (await resolveHotpatch(container, OBJECT_STORE)).put("src/shop/Staging/drop.zip", bytes, { metadata: { "target-binary-range": "1.0.0" } });
      await app.settle();
      expect((await app.hotpatch.publish.history("shop", "Staging")).length, `platformTrigger: ${platformTrigger}`).toBe(platformTrigger ? 0 : 1);
    }
  });
});
