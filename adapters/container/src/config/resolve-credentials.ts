import type { CloudCredentials, CredentialsConfig } from "./hotpatch-config.js";
import type { Environment } from "./environment.js";
import type { IssueSink } from "./issue-sink.js";
import type { ConfigInput } from "./schema.js";
import { PLATFORM_VARIABLES, type Provider } from "./settings.js";

/** Static AccessKey, or what the platform gives (FC's role, the AWS SDK's default chain). */
export function resolveCredentials(input: ConfigInput, provider: Provider, env: Environment, origins: Map<string, string>, issue: IssueSink): CredentialsConfig | undefined {
  const given = input.credentials ?? {};
  const source = given.source ?? (given.accessKeyId || given.accessKeySecret ? "static" : "runtime");
  if (given.source === undefined) origins.set("credentials.source", "default");
  if (source === "static") {
    if (!given.accessKeyId) issue("credentials.accessKeyId", `is missing: static credentials need an AccessKey ID`);
    if (!given.accessKeySecret) issue("credentials.accessKeySecret", `is missing: static credentials need an AccessKey secret`);
    if (!given.accessKeyId || !given.accessKeySecret) return undefined;
    return { source, accessKeyId: given.accessKeyId, accessKeySecret: given.accessKeySecret, ...(given.securityToken ? { securityToken: given.securityToken } : {}) };
  }
  for (const key of ["accessKeyId", "accessKeySecret", "securityToken"] as const) {
    if (given[key]) issue(`credentials.${key}`, `is set, but HOTPATCH_CREDENTIALS is runtime; set it to static to use the key`);
  }
  if (provider !== "alibaba") return { source };
  // FC puts the role's STS credentials here too: they serve until the first invocation brings fresh ones.
  const id = env[PLATFORM_VARIABLES.alibabaAccessKeyId];
  const secret = env[PLATFORM_VARIABLES.alibabaAccessKeySecret];
  const token = env[PLATFORM_VARIABLES.alibabaSecurityToken];
  const initial: CloudCredentials | undefined = id && secret ? { accessKeyId: id, accessKeySecret: secret, ...(token ? { securityToken: token } : {}) } : undefined;
  return { source, ...(initial ? { initial } : {}) };
}
