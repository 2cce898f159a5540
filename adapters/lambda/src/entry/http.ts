/**
 * Lambda entry of the HTTP function (API Gateway REST / HTTP API / function URL): `http.handler`.
 * The composition — S3 store, logger, use cases, HTTP app — is built on the first invocation of a
 * container and reused by every later one; configuration comes from the environment (LAMBDA_VARIABLES).
 */
import { createHttpHandler } from "../handlers/http-handler.js";
import { parseLambdaConfig } from "../runtime/lambda-config.js";
import { once } from "../runtime/lambda-runtime.js";
import { runtimeFromConfig } from "../runtime/runtime-from-config.js";

export const handler = createHttpHandler(once(() => runtimeFromConfig(parseLambdaConfig(process.env), { bootstrap: true })));
