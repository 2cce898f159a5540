/**
 * FC 3.0 entry of the HTTP function (handler `index.handler`, initializer `index.initialize` once
 * bundled as index.mjs): device checks and reports, and the management API. Configuration (and so the
 * provider: alibaba unless HOTPATCH_PROVIDER says otherwise) is read by @hotpatch/container.
 */
import { httpEntryPoints } from "./entry-points.js";
import { deploymentFromEnvironment } from "./from-environment.js";

export const { handler, initialize } = httpEntryPoints(deploymentFromEnvironment(process.env));
