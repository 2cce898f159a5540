import { DEFAULT_PACKAGE_LIMITS } from "@hotpatch/core";
import type { ZodError } from "zod";
import type { ConfigurationIssue } from "../errors.js";
import type { HotpatchConfig } from "./hotpatch-config.js";
import type { Environment } from "./environment.js";
import type { Defaulter } from "./issue-sink.js";
import { unflatten, type Layer } from "./layer.js";
import { isLoopback, resolveAuth } from "./resolve-auth.js";
import { resolveCredentials } from "./resolve-credentials.js";
import { EXPECTATIONS, configInputSchema, type ConfigInput } from "./schema.js";
import { PLATFORM_VARIABLES, SETTINGS, describeKey, isSecretKey, settingFor, type Provider } from "./settings.js";

/** Defaults of keys that have one; the configuration reference lists the same values. */
export const DEFAULTS = {
  provider: "local",
  dataDir: ".hotpatch",
  port: 3000,
  host: "127.0.0.1",
  logLevel: "info",
  logDestination: "stdout",
  diffs: true,
  cacheMaxAgeMs: 5_000,
} as const;

export interface Resolved {
  config: HotpatchConfig;
  /** Where each key's value came from: a variable, the file, a flag, a platform variable, or "default". */
  origins: Map<string, string>;
}

const SETTING_KEYS = SETTINGS.map((setting) => setting.key);

/** The setting a schema issue is about: the longest known key its path starts with. */
function keyOfPath(path: readonly PropertyKey[]): string | undefined {
  for (let length = path.length; length > 0; length--) {
    const key = path.slice(0, length).map(String).join(".");
    if (SETTING_KEYS.includes(key)) return key;
  }
  return undefined;
}

function schemaIssues(error: ZodError, merged: Layer): Array<ConfigurationIssue & { key: string | undefined }> {
  return error.issues.map((issue) => {
    const key = keyOfPath(issue.path);
    if (!key) return { variable: issue.path.join(".") || "configuration", key: undefined, message: `${issue.path.join(".") || "the configuration"}: ${issue.message}` };
    const raw = merged.raw.get(key);
    // Echo what was given, to show the typo, unless it is a secret.
    const got = raw !== undefined && !isSecretKey(key) ? ` (got "${raw}")` : "";
    const origin = merged.origins.get(key);
    const variable = origin?.startsWith("HOTPATCH_") ? origin : (settingFor(key)?.variable ?? key);
    return { variable, key, message: `${describeKey(key, variable)} must be ${EXPECTATIONS[key] ?? "a non-empty text"}${got}` };
  });
}

/**
 * Checks the merged layers against the schema, then the requirements that involve several keys,
 * and fills in defaults and platform facts. Every problem is collected, so one start names them all.
 */
export function resolveConfig(merged: Layer, env: Environment): Resolved | { issues: ConfigurationIssue[] } {
  const issues: ConfigurationIssue[] = [...merged.issues];
  let parsed = configInputSchema.safeParse(unflatten(merged.values));
  if (!parsed.success) {
    const found = schemaIssues(parsed.error, merged);
    issues.push(...found);
    // Check the rest without the malformed keys, so that a missing bucket is reported with a bad log level.
    const values = new Map(merged.values);
    for (const issue of found) if (issue.key) values.delete(issue.key);
    parsed = configInputSchema.safeParse(unflatten(values));
    if (!parsed.success) return { issues };
  }
  const origins = new Map(merged.origins);
  const result = requirements(parsed.data, origins, env);
  issues.push(...result.issues);
  return issues.length > 0 || !result.config ? { issues } : { config: result.config, origins };
}

interface Checked {
  config?: HotpatchConfig;
  issues: ConfigurationIssue[];
}

function requirements(input: ConfigInput, origins: Map<string, string>, env: Environment): Checked {
  const issues: ConfigurationIssue[] = [];
  // Name the variable actually used (an older name, say), else the key's own.
  const used = (key: string): string => {
    const origin = origins.get(key);
    return origin?.startsWith("HOTPATCH_") ? origin : (settingFor(key)?.variable ?? key);
  };
  /** `detail` follows the key's name: "is missing: …". */
  const issue = (key: string, detail: string): void => {
    issues.push({ variable: used(key), key, message: `${describeKey(key, used(key))} ${detail}` });
  };
  const defaulted: Defaulter = (key, value, fallback, origin = "default") => {
    if (value !== undefined) return value;
    origins.set(key, origin);
    return fallback;
  };
  const provider: Provider = defaulted("provider", input.provider, DEFAULTS.provider);

  for (const key of origins.keys()) {
    const applies = settingFor(key)?.providers;
    if (applies && !applies.includes(provider)) issue(key, `applies to provider ${applies.join(" or ")} only, but the provider is ${provider}`);
  }

  const auth = resolveAuth(input, issue, defaulted);
  const common = {
    downloads: {
      ...(input.downloads?.publicBaseUrl ? { publicBaseUrl: input.downloads.publicBaseUrl } : {}),
      ...(input.downloads?.urlTtlSeconds !== undefined ? { urlTtlSeconds: input.downloads.urlTtlSeconds } : {}),
    },
    http: {
      port: defaulted("http.port", input.http?.port, DEFAULTS.port),
      host: defaulted("http.host", input.http?.host, DEFAULTS.host),
      ...(input.http?.publicUrl ? { publicUrl: input.http.publicUrl.replace(/\/+$/, "") } : {}),
      ...(input.http?.corsOrigin ? { corsOrigin: input.http.corsOrigin } : {}),
      ...(input.http?.basePath ? { basePath: input.http.basePath } : {}),
    },
    auth,
    log: {
      level: defaulted("log.level", input.log?.level, DEFAULTS.logLevel),
      destination: defaulted("log.destination", input.log?.destination, DEFAULTS.logDestination),
    },
    limits: { maxPackageBytes: defaulted("limits.maxPackageBytes", input.limits?.maxPackageBytes, DEFAULT_PACKAGE_LIMITS.maxPackageBytes) },
    diffs: defaulted("diffs", input.diffs, DEFAULTS.diffs),
    cacheMaxAgeMs: defaulted("cacheMaxAgeMs", input.cacheMaxAgeMs, DEFAULTS.cacheMaxAgeMs),
    platform: env[PLATFORM_VARIABLES.lambdaFunctionName] ? { functionName: env[PLATFORM_VARIABLES.lambdaFunctionName] as string } : {},
  };
  if (auth?.mode === "none" && (provider !== "local" || !isLoopback(common.http.host))) {
    issue("auth.mode", `is none, which leaves the management API open: that is allowed only for the local provider on a loopback host (127.0.0.1, ::1, localhost), not for provider ${provider} on ${common.http.host}`);
  }

  if (provider === "local") {
    const storage = { dataDir: defaulted("storage.dataDir", input.storage?.dataDir, DEFAULTS.dataDir) };
    const downloads = { ...common.downloads, ...(input.downloads?.signingSecret ? { signingSecret: input.downloads.signingSecret } : {}) };
    return { issues, ...(auth ? { config: { ...common, auth, provider, storage, downloads } } : {}) };
  }

  const bucket = input.storage?.bucket;
  if (!bucket) issue("storage.bucket", `is missing: the ${provider === "alibaba" ? "OSS" : "S3"} bucket that holds hotpatch's data`);
  const platformRegion = provider === "alibaba" ? PLATFORM_VARIABLES.fcRegion : PLATFORM_VARIABLES.awsRegion;
  const region = input.storage?.region ?? env[platformRegion]?.trim();
  if (!region) {
    const runsOn = provider === "alibaba" ? "Function Compute" : "Lambda";
    issue("storage.region", `is missing, and ${platformRegion} is not set either (${runsOn} sets it; set one of them elsewhere)`);
  } else if (input.storage?.region === undefined) origins.set("storage.region", `${platformRegion} (platform)`);
  const credentials = resolveCredentials(input, provider, env, origins, issue);
  if (!bucket || !region || !credentials || !auth) return { issues };

  if (provider === "alibaba") {
    // On FC (FC_REGION set) the intranet endpoint is the default: same-region traffic is free and faster.
    const internal = defaulted("storage.internal", input.storage?.internal, env[PLATFORM_VARIABLES.fcRegion] !== undefined && !input.storage?.endpoint);
    const storage = { bucket, region, pathStyle: defaulted("storage.pathStyle", input.storage?.pathStyle, false), internal, ...(input.storage?.endpoint ? { endpoint: input.storage.endpoint } : {}) };
    return { issues, config: { ...common, auth, provider, storage, credentials } };
  }
  const storage = {
    bucket,
    region,
    ...(input.storage?.endpoint ? { endpoint: input.storage.endpoint } : {}),
    ...(input.storage?.pathStyle !== undefined ? { pathStyle: input.storage.pathStyle } : {}),
  };
  return { issues, config: { ...common, auth, provider, storage, credentials } };
}
