import type { Hotpatch } from "@hotpatch/core";
import { Hono, type Context } from "hono";
import { bodyLimit } from "hono/body-limit";
import { readJsonObject } from "../read-json.js";
import { toSnakeCase } from "./casing.js";

const REPORT_BODY_LIMIT = 10 * 1024; // CodePush's JSON limit for device reports

/**
 * The CodePush acquisition API on both path families: legacy (`/updateCheck`, camelCase answer) and
 * v0.1 (`/v0.1/public/codepush/update_check`, snake_case). Every parameter is read in both spellings,
 * camelCase winning, as CodePush does.
 */
export function acquisitionRoutes(hotpatch: Hotpatch): Hono {
  const app = new Hono({ strict: false });

  const check = async (c: Context) => {
    const q = c.req.query();
    return hotpatch.check.execute({
      deploymentKey: q.deploymentKey || q.deployment_key,
      appVersion: q.appVersion || q.app_version,
      packageHash: q.packageHash || q.package_hash,
      label: q.label,
      isCompanion: q.isCompanion || q.is_companion,
      clientUniqueId: q.clientUniqueId || q.client_unique_id,
    });
  };
  // Answers depend on state that changes with every release: never cached (as CodePush).
  const noCache = { "Cache-Control": "no-cache" };
  app.get("/updateCheck", async (c) => c.json({ updateInfo: await check(c) }, 200, noCache));
  app.get("/v0.1/public/codepush/update_check", async (c) => c.json({ update_info: toSnakeCase(await check(c)) }, 200, noCache));
  // hotpatch's own protocol: the same query, an answer that also offers binary bundle patches.
  app.get("/hotpatch/v1/update_check", async (c) => {
    const q = c.req.query();
    const answer = await hotpatch.check.executeNative({
      deploymentKey: q.deployment_key,
      appVersion: q.app_version,
      packageHash: q.package_hash,
      label: q.label,
      clientUniqueId: q.client_unique_id,
    });
    return c.json(answer, 200, noCache);
  });

  const limit = bodyLimit({
    maxSize: REPORT_BODY_LIMIT,
    onError: (c) => c.text(`report body is larger than ${REPORT_BODY_LIMIT} bytes`, 413, { Connection: "close" }),
  });
  const deploy = async (c: Context) => {
    const body = await readJsonObject(c);
    await hotpatch.report.deploy({
      deploymentKey: body.deploymentKey || body.deployment_key,
      appVersion: body.appVersion || body.app_version,
      clientUniqueId: body.clientUniqueId || body.client_unique_id,
      label: body.label,
      status: body.status,
      previousLabelOrAppVersion: body.previousLabelOrAppVersion || body.previous_label_or_app_version,
      previousDeploymentKey: body.previousDeploymentKey || body.previous_deployment_key,
      sdkVersion: c.req.header("x-codepush-sdk-version") ?? null,
    });
    return c.text("OK");
  };
  const download = async (c: Context) => {
    const body = await readJsonObject(c);
    await hotpatch.report.download({
      deploymentKey: body.deploymentKey || body.deployment_key,
      label: body.label,
      clientUniqueId: body.clientUniqueId || body.client_unique_id,
    });
    return c.text("OK");
  };
  // If both spellings are present the camelCase one wins unless it is empty, as for update checks.
  for (const prefix of ["/reportStatus", "/v0.1/public/codepush/report_status"]) {
    app.post(`${prefix}/deploy`, limit, deploy);
    app.post(`${prefix}/download`, limit, download);
  }
  return app;
}
