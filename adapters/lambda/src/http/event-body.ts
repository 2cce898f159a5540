/** An event's body as bytes (`isBase64Encoded` for binary bodies), or undefined when there is none. */
export function eventBody(body: string | null | undefined, isBase64Encoded: boolean | undefined): Uint8Array<ArrayBuffer> | undefined {
  if (body === null || body === undefined || body === "") return undefined;
  return new Uint8Array(isBase64Encoded ? Buffer.from(body, "base64") : Buffer.from(body, "utf8"));
}

/** GET and HEAD requests cannot carry a body in the Fetch API. */
export function bodyFor(method: string, body: Uint8Array<ArrayBuffer> | undefined): Uint8Array<ArrayBuffer> | undefined {
  return method === "GET" || method === "HEAD" ? undefined : body;
}

/**
 * Path of an HTTP API event without a named stage's prefix: HTTP APIs put `/<stage>` in front of the
 * path unless the stage is `$default`, REST APIs never do.
 */
export function withoutStage(path: string, stage: string | undefined): string {
  if (!stage || stage === "$default") return path;
  const prefix = `/${stage}`;
  if (path === prefix) return "/";
  return path.startsWith(`${prefix}/`) ? path.slice(prefix.length) : path;
}
