/**
 * Runs the team's app (the tsyringe variant) on one port: its own routes, and hotpatch under /ota.
 * hotpatch's part is configured as everywhere else (docs/configuration.md); HOTPATCH_BASE_PATH is
 * fixed to the mount path.
 */
import { APP, loadConfig } from "@hotpatch/container";
import { resolveHotpatch } from "@hotpatch/container/tsyringe";
import { listen } from "@hotpatch/http";
import { OTA_PATH } from "./team/routes.js";
import { tsyringeApp } from "./tsyringe-app.js";

const config = loadConfig({ env: process.env, overrides: { http: { basePath: OTA_PATH } } });
// Download URLs of the local provider point back at this process (or at HOTPATCH_PUBLIC_URL).
const app = await tsyringeApp(config, { serverUrl: `http://${config.http.host}:${config.http.port}` });
// HOTPATCH_ACCESS_KEY is made to work; without it, the first start creates a key, shown once.
const created = await resolveHotpatch(app.container, APP).ensureAccessKey({ createIfNone: true });
const server = await listen(app.http, { port: config.http.port, host: config.http.host });
process.stdout.write(`the team's app is running at ${server.url}; hotpatch answers under ${server.url}${OTA_PATH}\n`);
if (created) process.stdout.write(`hotpatch access key (shown once, keep it secret): ${created}\n`);
