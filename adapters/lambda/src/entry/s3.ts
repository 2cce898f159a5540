/**
 * Lambda entry of the S3-trigger function (objects created under `src/`): `s3.handler`.
 * Same composition as the HTTP function, built once per container; no access-key bootstrap here.
 */
import { createS3Handler } from "../handlers/s3-handler.js";
import { once } from "../runtime/lambda-runtime.js";
import { runtimeFromEnvironment } from "../runtime/runtime-from-environment.js";

export const handler = createS3Handler(once(() => runtimeFromEnvironment(process.env)));
