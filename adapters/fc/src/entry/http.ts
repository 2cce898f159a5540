/**
 * FC 3.0 entry of the HTTP function (handler `index.handler`, initializer `index.initialize` once
 * bundled as index.mjs): device checks and reports, and the management API.
 */
import { httpEntryPoints } from "./entry-points.js";
import { alibabaFromEnvironment } from "./from-environment.js";

export const { handler, initialize } = httpEntryPoints(alibabaFromEnvironment(process.env));
