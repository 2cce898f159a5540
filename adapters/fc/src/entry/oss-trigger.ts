/**
 * FC 3.0 entry of the OSS-trigger function (handler `index.handler`, initializer `index.initialize`
 * once bundled as index.mjs): ingests packages dropped under `src/<app>/<deployment>/`. Configuration
 * is read by @hotpatch/container, as for the HTTP function.
 */
import { ossTriggerEntryPoints } from "./entry-points.js";
import { deploymentFromEnvironment } from "./from-environment.js";

export const { handler, initialize } = ossTriggerEntryPoints(deploymentFromEnvironment(process.env));
