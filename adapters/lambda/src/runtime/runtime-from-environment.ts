import { APP, createHotpatchContainer, loadConfig, resolveHotpatch, type Environment } from "@hotpatch/container";
import { invocationLogFields } from "../handlers/invocation-context.js";
import { lambdaRuntimeFromApp, type LambdaRuntime } from "./lambda-runtime.js";

/**
 * A Lambda container's composition, by @hotpatch/container from configuration (environment
 * variables, an optional hotpatch.config.json): the provider defaults to aws, and HOTPATCH_PROVIDER
 * moves the same bundle to OSS or to the local provider. Log lines carry the invocation's request id.
 * `bootstrap` makes the configured access key work (the HTTP function; the S3 function has no API).
 */
export async function runtimeFromEnvironment(env: Environment, options: { bootstrap?: boolean } = {}): Promise<LambdaRuntime> {
  const config = loadConfig({ env, defaults: { provider: "aws" } });
  const app = await resolveHotpatch(createHotpatchContainer(config, { platformTrigger: true, logContext: invocationLogFields }), APP);
  if (options.bootstrap) await app.ensureAccessKey();
  return lambdaRuntimeFromApp(app);
}
