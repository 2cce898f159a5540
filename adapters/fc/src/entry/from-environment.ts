import { APP, createHotpatchContainer, loadConfig, resolveHotpatch, type Environment, type HotpatchConfig } from "@hotpatch/container";
import { RotatingCredentials } from "@hotpatch/provider-alibaba";
import type { FcContext } from "../fc-context.js";
import type { Deployment, DeploymentSetup } from "./entry-points.js";

/**
 * The deployment FC runs, composed by the container from configuration (environment variables, an
 * optional hotpatch.config.json) on first use, so importing the bundle never fails. The provider
 * defaults to alibaba; HOTPATCH_PROVIDER moves the same bundle to S3 or to the local provider. The
 * role's rotating STS credentials come from each invocation's `context`.
 */
export function deploymentFromEnvironment(env: Environment): Deployment {
  let loaded: { config: HotpatchConfig; credentials: RotatingCredentials } | undefined;
  const load = () => {
    if (!loaded) {
      const config = loadConfig({ env, defaults: { provider: "alibaba" } });
      const initial = config.provider === "alibaba" && config.credentials.source === "runtime" ? config.credentials.initial : undefined;
      loaded = { config, credentials: new RotatingCredentials(initial) };
    }
    return loaded;
  };
  // One composition per deployment: the HTTP and OSS-trigger entry points of one process share it.
  let setup: Promise<DeploymentSetup> | undefined;
  const compose = async (context: FcContext): Promise<DeploymentSetup> => {
    const { config, credentials } = load();
    const container = createHotpatchContainer(config, { alibabaCredentials: credentials, platformTrigger: true, logBindings: { function: context.function?.name ?? "hotpatch" } });
    const app = await resolveHotpatch(container, APP);
    await app.ensureAccessKey();
    return {
      composition: { hotpatch: app.hotpatch, store: app.store, logger: app.logger, afterInvoke: app.settle },
      app: app.http,
      ...(config.provider === "alibaba" ? { bucket: config.storage.bucket } : {}),
    };
  };
  return {
    onInvoke: (context) => load().credentials.update(context.credentials),
    setup: (context) => {
      setup ??= compose(context).catch((error: unknown) => {
        setup = undefined;
        throw error;
      });
      return setup;
    },
  };
}
