/**
 * FC 3.0 entry of the OSS-trigger function (handler `index.handler`, initializer `index.initialize`
 * once bundled as index.mjs): ingests packages dropped under `src/<app>/<deployment>/`.
 */
import { ossTriggerEntryPoints } from "./entry-points.js";
import { alibabaFromEnvironment } from "./from-environment.js";

export const { handler, initialize } = ossTriggerEntryPoints(alibabaFromEnvironment(process.env));
