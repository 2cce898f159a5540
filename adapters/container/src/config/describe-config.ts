import type { HotpatchConfig } from "./hotpatch-config.js";
import { SETTINGS } from "./settings.js";

/** What a masked secret prints as. Its length is hidden too. */
export const MASK = "********";

export interface ConfigRow {
  key: string;
  variable: string;
  /** The value with secrets masked; undefined when the key is not set. */
  value: string | number | boolean | undefined;
  /** The variable, the file, "default", a platform variable, or "the command line". */
  origin: string | undefined;
}

/** The resolved configuration by setting key, in the resolved (not the given) shape. */
function valuesByKey(config: HotpatchConfig): Record<string, unknown> {
  const auth = config.auth;
  const values: Record<string, unknown> = {
    provider: config.provider,
    "downloads.publicBaseUrl": config.downloads.publicBaseUrl,
    "downloads.urlTtlSeconds": config.downloads.urlTtlSeconds,
    "http.port": config.http.port,
    "http.host": config.http.host,
    "http.publicUrl": config.http.publicUrl,
    "http.corsOrigin": config.http.corsOrigin,
    "http.basePath": config.http.basePath,
    "auth.mode": auth.mode,
    "auth.accessKey": auth.mode === "none" ? undefined : auth.accessKey,
    "auth.apiGatewayApps": auth.mode === "api-gateway" ? auth.apps : undefined,
    "auth.apiGatewayScope": auth.mode === "api-gateway" ? auth.scope : undefined,
    "log.level": config.log.level,
    "log.destination": config.log.destination,
    "limits.maxPackageBytes": config.limits.maxPackageBytes,
    diffs: config.diffs,
    cacheMaxAgeMs: config.cacheMaxAgeMs,
  };
  if (config.provider === "local") {
    values["storage.dataDir"] = config.storage.dataDir;
    values["downloads.signingSecret"] = config.downloads.signingSecret;
    return values;
  }
  Object.assign(values, {
    "storage.bucket": config.storage.bucket,
    "storage.region": config.storage.region,
    "storage.endpoint": config.storage.endpoint,
    "storage.pathStyle": config.storage.pathStyle,
    "credentials.source": config.credentials.source,
  });
  if (config.provider === "alibaba") values["storage.internal"] = config.storage.internal;
  if (config.credentials.source === "static") {
    Object.assign(values, {
      "credentials.accessKeyId": config.credentials.accessKeyId,
      "credentials.accessKeySecret": config.credentials.accessKeySecret,
      "credentials.securityToken": config.credentials.securityToken,
    });
  }
  return values;
}

function printable(key: string, value: unknown, secret: boolean): string | number | boolean | undefined {
  if (value === undefined) return undefined;
  // AppKeys identify the callers and are safe to show; their AppSecrets are not.
  if (key === "auth.apiGatewayApps" && typeof value === "object" && value !== null) {
    return Object.keys(value)
      .map((appKey) => `${appKey}=${MASK}`)
      .join(", ");
  }
  if (secret) return MASK;
  // An AccessKey ID is not a secret, but the first characters are enough to tell which one it is.
  if (key === "credentials.accessKeyId" && typeof value === "string") return `${value.slice(0, 4)}${MASK}`;
  return typeof value === "number" || typeof value === "boolean" ? value : String(value);
}

/** One row per setting, in the reference's order, with every secret masked: safe to print or log. */
export function describeConfig(config: HotpatchConfig, origins: ReadonlyMap<string, string> = new Map()): ConfigRow[] {
  const values = valuesByKey(config);
  return SETTINGS.map((setting) => ({
    key: setting.key,
    variable: setting.variable,
    value: printable(setting.key, values[setting.key], setting.secret === true),
    origin: values[setting.key] === undefined ? undefined : origins.get(setting.key),
  }));
}

/** The masked configuration as a nested object (for `--json` and structured logs). */
export function maskedConfig(config: HotpatchConfig): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const row of describeConfig(config)) {
    if (row.value === undefined) continue;
    const parts = row.key.split(".");
    let node = out;
    for (const part of parts.slice(0, -1)) node = (node[part] ??= {}) as Record<string, unknown>;
    node[parts.at(-1) as string] = row.value;
  }
  return out;
}
