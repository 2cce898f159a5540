import { signApiGatewayRequest, type ApiGatewayCredentials } from "@hotpatch/http";
import { CliError } from "../errors.js";

/** Where the CLI finds the API Gateway app credentials: flags first, then the environment. */
export interface ApiGatewaySources {
  readonly flags: { readonly caKey?: string | undefined; readonly caSecret?: string | undefined };
  readonly env: Readonly<Record<string, string | undefined>>;
}

/**
 * The AppKey / AppSecret for API Gateway app authentication, or undefined when neither is set (the
 * server is reached directly). One without the other is a mistake the user must hear about.
 */
export function resolveApiGatewayCredentials({ flags, env }: ApiGatewaySources): ApiGatewayCredentials | undefined {
  const appKey = flags.caKey || env["HOTPATCH_CA_KEY"];
  const appSecret = flags.caSecret || env["HOTPATCH_CA_SECRET"];
  if (!appKey && !appSecret) return undefined;
  if (!appKey) throw new CliError("an API Gateway AppSecret was given without its AppKey: pass --ca-key or set HOTPATCH_CA_KEY");
  if (!appSecret) throw new CliError("an API Gateway AppKey was given without its AppSecret: pass --ca-secret or set HOTPATCH_CA_SECRET");
  return { appKey, appSecret };
}

/**
 * A fetch that signs every request (HmacSHA256 `X-Ca-*` headers) for a server behind API Gateway app
 * authentication. Bodies are read into memory first: Content-MD5 must be sent before the body, so an
 * upload's progress bar fills while it is hashed, then the bytes are sent.
 */
export function apiGatewaySigningFetch(fetchImpl: typeof fetch, credentials: ApiGatewayCredentials): typeof fetch {
  return async (input, init) => fetchImpl(await signApiGatewayRequest(new Request(input, init), credentials));
}
