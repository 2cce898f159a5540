export { ConfigurationError, type ConfigurationIssue } from "./errors.js";

export { loadConfig, resolveConfiguration, type ConfigSources, type ResolvedConfig } from "./config/load-config.js";
export { describeConfig, maskedConfig, MASK, type ConfigRow } from "./config/describe-config.js";
export { DEFAULTS } from "./config/resolve-config.js";
export { DEFAULT_CONFIG_FILE } from "./config/config-file.js";
export type { Environment } from "./config/environment.js";
export { configInputSchema, type ConfigInput } from "./config/schema.js";
export {
  SETTINGS,
  PROVIDERS,
  CONFIG_FILE_VARIABLE,
  OTHER_TOOLS_VARIABLES,
  PLATFORM_VARIABLES,
  type Provider,
  type Setting,
} from "./config/settings.js";
export type {
  HotpatchConfig,
  LocalConfig,
  AlibabaConfig,
  AwsConfig,
  AuthConfig,
  CredentialsConfig,
  CloudCredentials,
} from "./config/hotpatch-config.js";

export type { AppRuntime } from "./app/app-runtime.js";
export type { HotpatchApp } from "./app/hotpatch-app.js";
export type { BootstrapOptions } from "./app/access-key-bootstrap.js";
export { createApp } from "./app/create-app.js";

export { startServer, type NodeServerOptions, type RunningServer } from "./server/node-server.js";
export { startupBanner } from "./server/startup-banner.js";

// The default container (inversify); the tsyringe registration is `@hotpatch/container/tsyringe`.
export { hotpatchModule, createHotpatchContainer, resolveHotpatch } from "./di/inversify/hotpatch-module.js";
export * from "./di/tokens.js";
