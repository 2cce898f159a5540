/** Hop-by-hop and transport headers that the new Request must compute itself. */
const DROPPED_REQUEST_HEADERS = new Set(["host", "content-length", "connection", "keep-alive", "transfer-encoding", "te", "trailer", "upgrade"]);

export function stringRecord(value: unknown): Record<string, string> {
  const result: Record<string, string> = {};
  if (typeof value !== "object" || value === null) return result;
  for (const [name, item] of Object.entries(value)) {
    if (typeof item === "string") result[name] = item;
    else if (Array.isArray(item)) result[name] = item.map(String).join(",");
    else if (item !== undefined && item !== null) result[name] = String(item);
  }
  return result;
}

/** A header value looked up case-insensitively (FC 3.0 canonicalises names: `X-Ca-Key`, `Content-Type`). */
export function headerValue(headers: Record<string, string>, name: string): string | undefined {
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(headers)) if (key.toLowerCase() === wanted) return value;
  return undefined;
}

export function requestHeaders(headers: Record<string, string>): Headers {
  const result = new Headers();
  for (const [name, value] of Object.entries(headers)) {
    if (!DROPPED_REQUEST_HEADERS.has(name.toLowerCase())) result.set(name, value);
  }
  return result;
}

export function decodeBody(body: unknown, isBase64Encoded: unknown): Uint8Array | undefined {
  if (typeof body !== "string" || body === "") return undefined;
  return isBase64Encoded === true ? Buffer.from(body, "base64") : Buffer.from(body, "utf8");
}

export interface RequestParts {
  method: string;
  /** The path as it goes in a URL (percent-encoded where needed; the URL parser encodes the rest). */
  path: string;
  query: Record<string, string>;
  headers: Record<string, string>;
  host: string;
  body: Uint8Array | undefined;
}

export function buildRequest(parts: RequestParts): Request {
  const scheme = headerValue(parts.headers, "x-forwarded-proto") === "http" ? "http" : "https";
  const url = baseUrl(scheme, parts.host);
  url.pathname = parts.path.startsWith("/") ? parts.path : `/${parts.path}`;
  const search = new URLSearchParams(parts.query).toString();
  url.search = search;
  const method = parts.method.toUpperCase();
  const withBody = parts.body !== undefined && method !== "GET" && method !== "HEAD";
  return new Request(url, {
    method,
    headers: requestHeaders(parts.headers),
    ...(withBody ? { body: Uint8Array.from(parts.body as Uint8Array) } : {}),
  });
}

/** The host only shapes the Request's URL (download links come from the store); a malformed one is replaced. */
function baseUrl(scheme: string, host: string): URL {
  try {
    return new URL(`${scheme}://${host}`);
  } catch {
    return new URL(`${scheme}://fc.invalid`);
  }
}
