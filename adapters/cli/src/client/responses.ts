import { CliError } from "../errors.js";

/** Longest server text we put on the error line; proxies sometimes answer with a whole HTML page. */
const MAX_ERROR_TEXT = 300;

export interface Connection {
  /** Base URL without a trailing slash, e.g. `https://updates.example.com`. */
  readonly server: string;
  readonly accessKey: string;
}

/** Turns a failed `fetch` (DNS, refused connection, TLS) into a line naming the server. */
export function unreachable(server: string, error: unknown): CliError {
  return new CliError(`cannot reach ${server}: ${networkReason(error)}`, { cause: error });
}

function networkReason(error: unknown): string {
  // undici reports "fetch failed" and keeps the useful part (ECONNREFUSED …) in `cause`.
  if (error instanceof Error) {
    const cause = error.cause;
    if (cause instanceof Error && cause.message) return cause.message;
    return error.message;
  }
  return String(error);
}

/** A 4xx/5xx answer as one line: the server's own text (plain text by protocol) and the status. */
export async function httpError(response: Response, connection: Connection): Promise<CliError> {
  const text = oneLine(await response.text().catch(() => ""));
  const reason = text || response.statusText || "no explanation given";
  const status = response.status;
  if (status === 401) {
    return new CliError(
      `the server rejected the access key (HTTP 401): ${reason}. ` +
        `Log in again with: hotpatch login ${connection.server} --access-key <key>`,
      { status },
    );
  }
  if (status === 403) {
    return new CliError(`not allowed (HTTP 403): ${reason}`, { status });
  }
  return new CliError(`${reason} (HTTP ${status})`, { status });
}

function oneLine(text: string): string {
  const collapsed = text.replace(/\s+/g, " ").trim();
  return collapsed.length > MAX_ERROR_TEXT ? `${collapsed.slice(0, MAX_ERROR_TEXT)}…` : collapsed;
}

/** Parses a JSON body and checks it carries `key`, so a wrong URL fails with a clear message. */
export async function readJson<K extends string>(
  response: Response,
  key: K,
  connection: Connection,
): Promise<Record<K, unknown>> {
  const text = await response.text();
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new CliError(
      `${connection.server} did not answer with JSON (HTTP ${response.status}); is it a hotpatch or CodePush server?`,
      { cause: error },
    );
  }
  if (typeof parsed !== "object" || parsed === null || !(key in parsed)) {
    throw new CliError(`unexpected answer from ${connection.server}: no "${key}" in the response`);
  }
  return parsed as Record<K, unknown>;
}
