import { loadConfig } from "@hotpatch/container";
import { makeZip } from "@hotpatch/core/testing";
import { describe, expect, it } from "vitest";
import { inversifyApp } from "../src/inversify-app.js";
import { OTA_PATH } from "../src/team/routes.js";
import { tsyringeApp } from "../src/tsyringe-app.js";

const BASE = "https://team.example.test";
/** hotpatch's part of the team's configuration: the memory provider, mounted where the team's router sends it. */
const config = loadConfig({ env: { HOTPATCH_DATA_DIR: ":memory:", HOTPATCH_PUBLIC_URL: BASE, HOTPATCH_BASE_PATH: OTA_PATH }, file: false });

describe.each([
  ["tsyringe", tsyringeApp],
  ["inversify", inversifyApp],
] as const)("a team's app on %s with hotpatch inside", (_name, compose) => {
  it("ships a release through the team's own service and serves it to devices under /ota", async () => {
    const { http, desk, trail, apps } = await compose(config);
    const ask = (path: string, init?: RequestInit) => http.fetch(new Request(`${BASE}${path}`, init));
    expect(await (await ask("/hello")).text()).toBe("the team's own route");

    // hotpatch's management API is mounted too, and wants an access key as everywhere.
    expect((await ask(`${OTA_PATH}/apps`)).status).toBe(401);

    // The team's ReleaseDesk works with hotpatch's use cases, resolved from the team's container.
    const { deployments } = await apps.create("storefront");
    const bundle = await makeZip([{ name: "CodePush/index.android.bundle", data: "console.log('storefront v1')" }]);
    const label = await desk.stage("storefront", bundle, "2.0.0");
    const approved = await ask(`/qa/storefront/approve/${label}`, { method: "POST" });
    expect(await approved.json()).toEqual({ production: "v1" });

    const production = deployments.find((d) => d.name === "Production")?.key ?? "";
    const check = await ask(`${OTA_PATH}/v0.1/public/codepush/update_check?deployment_key=${production}&app_version=2.0.0&client_unique_id=phone`);
    const { update_info: update } = (await check.json()) as { update_info: { is_available: boolean; label: string; download_url: string } };
    expect(update).toMatchObject({ is_available: true, label: "v1" });
    expect(update.download_url.startsWith(`${BASE}${OTA_PATH}/storage/packages/`)).toBe(true);
    const download = await http.fetch(new Request(update.download_url));
    expect(Buffer.from(await download.arrayBuffer()).equals(bundle)).toBe(true);

    // hotpatch's own log lines went to the team's audit trail, next to the team's.
    expect(trail.entries.map((entry) => entry.message)).toEqual(expect.arrayContaining(["app created", "release created", "staged", "approved"]));
    expect(trail.entries.find((entry) => entry.message === "release created")?.fields).toMatchObject({ source: "hotpatch" });
  });
});
