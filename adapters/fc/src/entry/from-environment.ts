import { RotatingCredentials } from "@hotpatch/provider-alibaba";
import type { FcContext } from "../fc-context.js";
import { composeOnAlibaba } from "./alibaba-composition.js";
import { readFcConfig, type FcConfig } from "./config.js";
import type { Deployment } from "./entry-points.js";

/**
 * The deployment FC runs: configuration from the function's environment (read on first use, so
 * importing the bundle never fails), OSS credentials from each invocation's `context`.
 */
export function alibabaFromEnvironment(env: Readonly<Record<string, string | undefined>>): Deployment {
  let loaded: { config: FcConfig; credentials: RotatingCredentials } | undefined;
  const load = () => {
    if (!loaded) {
      const config = readFcConfig(env);
      loaded = { config, credentials: new RotatingCredentials(config.initialCredentials) };
    }
    return loaded;
  };
  return {
    onInvoke: (context: FcContext) => load().credentials.update(context.credentials),
    setup: async (context: FcContext) => {
      const { config, credentials } = load();
      return {
        composition: await composeOnAlibaba(config, credentials, context),
        ...(config.apiGatewayApps ? { apiGatewayAuth: { apps: config.apiGatewayApps, scope: config.apiGatewayScope } } : {}),
        bucket: config.bucket,
      };
    },
  };
}
