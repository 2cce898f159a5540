import type { Connection } from "../client/responses.js";
import { CliError } from "../errors.js";
import type { Session } from "./session.js";

export interface ConnectionSources {
  readonly flags: { readonly server?: string | undefined; readonly accessKey?: string | undefined };
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly session: Session | undefined;
}

const HOW_TO_CONNECT =
  'run "hotpatch login <serverUrl> --access-key <key>", or pass --server <url> and --access-key <key>, ' +
  "or set HOTPATCH_SERVER and HOTPATCH_ACCESS_KEY";

/**
 * Server and key, each taken from the first source that has it: flag, then environment, then the
 * session file. The session's key is only used for the session's own server, so pointing the CLI at
 * another server never sends it a key issued elsewhere.
 */
export function resolveConnection({ flags, env, session }: ConnectionSources): Connection {
  const rawServer = flags.server || env["HOTPATCH_SERVER"] || session?.server;
  if (!rawServer) throw new CliError(`no server configured: ${HOW_TO_CONNECT}`);
  const server = normalizeServerUrl(rawServer);

  const sessionKey =
    session !== undefined && normalizeServerUrl(session.server) === server ? session.accessKey : undefined;
  const accessKey = flags.accessKey || env["HOTPATCH_ACCESS_KEY"] || sessionKey;
  if (!accessKey) {
    const hint =
      session === undefined ? HOW_TO_CONNECT : `${HOW_TO_CONNECT} (the saved login is for ${session.server})`;
    throw new CliError(`no access key for ${server}: ${hint}`);
  }
  assertSendableKey(accessKey);
  return { server, accessKey };
}

/** `http(s)://host[:port][/prefix]` without a trailing slash, so routes can be appended. */
export function normalizeServerUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new CliError(`"${raw}" is not a server URL; expected something like https://updates.example.com`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new CliError(`"${raw}" is not an http(s) URL`);
  }
  if (url.search || url.hash) throw new CliError(`the server URL "${raw}" must not have a query or fragment`);
  return `${url.origin}${url.pathname}`.replace(/\/+$/, "");
}

/** A key that cannot go in an HTTP header would fail inside fetch with an obscure message. */
function assertSendableKey(accessKey: string): void {
  if (!/^[\x21-\x7e]+$/.test(accessKey)) {
    throw new CliError("the access key contains spaces or characters that cannot be sent; check how it was copied");
  }
}
