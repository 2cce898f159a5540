import type { AuthConfig } from "./hotpatch-config.js";
import type { Defaulter, IssueSink } from "./issue-sink.js";
import type { ConfigInput } from "./schema.js";

const DEFAULT_API_GATEWAY_SCOPE = "device";

/** The auth mode and what it needs: gateway apps for api-gateway, nothing to verify for none. */
export function resolveAuth(input: ConfigInput, issue: IssueSink, defaulted: Defaulter): AuthConfig | undefined {
  const apps = input.auth?.apiGatewayApps;
  const accessKey = input.auth?.accessKey;
  // Configuring gateway apps is asking for their verification: that is the default mode then.
  const mode = defaulted("auth.mode", input.auth?.mode, apps ? "api-gateway" : "access-keys");
  if (mode === "none") {
    if (accessKey) issue("auth.accessKey", `is set, but HOTPATCH_AUTH=none uses no access keys`);
    if (apps) issue("auth.apiGatewayApps", `is set, but HOTPATCH_AUTH=none verifies no signatures`);
    return { mode };
  }
  if (mode === "access-keys") {
    if (apps || input.auth?.apiGatewayScope) {
      issue(apps ? "auth.apiGatewayApps" : "auth.apiGatewayScope", `is set, but HOTPATCH_AUTH is access-keys; set HOTPATCH_AUTH=api-gateway to verify signatures`);
    }
    return { mode, ...(accessKey ? { accessKey } : {}) };
  }
  if (!apps || Object.keys(apps).length === 0) {
    issue("auth.apiGatewayApps", `is missing: HOTPATCH_AUTH=api-gateway needs the AppKey → AppSecret pairs to verify`);
    return undefined;
  }
  const scope = defaulted("auth.apiGatewayScope", input.auth?.apiGatewayScope, DEFAULT_API_GATEWAY_SCOPE);
  return { mode, apps, scope, ...(accessKey ? { accessKey } : {}) };
}

/** `none` may only listen where nobody else can reach it. */
export function isLoopback(host: string): boolean {
  return host === "localhost" || host === "::1" || host === "[::1]" || /^127\.\d+\.\d+\.\d+$/.test(host);
}
