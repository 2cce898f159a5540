/**
 * Lambda entry of the HTTP function (API Gateway REST / HTTP API / function URL): `http.handler`.
 * The composition — S3 store, logger, use cases, HTTP app — is built on the first invocation of a
 * container and reused by every later one; @hotpatch/container reads the configuration (docs/configuration.md).
 */
import { createHttpHandler } from "../handlers/http-handler.js";
import { once } from "../runtime/lambda-runtime.js";
import { runtimeFromEnvironment } from "../runtime/runtime-from-environment.js";

export const handler = createHttpHandler(once(() => runtimeFromEnvironment(process.env, { bootstrap: true })));
