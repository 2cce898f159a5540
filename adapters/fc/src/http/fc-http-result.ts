/** What an FC 3.0 HTTP trigger and API Gateway expect back (platforms.md §1.4, §1.9); `body` is always a string. */
export interface FcHttpResult {
  statusCode: number;
  headers: Record<string, string>;
  isBase64Encoded: boolean;
  body: string;
}

/** FC drops these (and every `x-fc-*`); the platform sets its own length and framing. */
const DROPPED_RESPONSE_HEADERS = new Set(["connection", "keep-alive", "transfer-encoding", "content-length"]);
const TEXTUAL = /^(text\/|application\/(json|xml|javascript|x-www-form-urlencoded)|[^;]*\+(json|xml))/i;

/** Text bodies travel as UTF-8; everything else (zips, bundles, images) as base64. */
export function isTextual(contentType: string | null): boolean {
  if (!contentType || !TEXTUAL.test(contentType)) return false;
  const charset = /charset=([^;]+)/i.exec(contentType)?.[1]?.trim().toLowerCase();
  return charset === undefined || charset === "utf-8" || charset === "utf8";
}

export async function responseToResult(response: Response, method: string): Promise<FcHttpResult> {
  const headers: Record<string, string> = {};
  response.headers.forEach((value, name) => {
    if (!DROPPED_RESPONSE_HEADERS.has(name) && !name.startsWith("x-fc-")) headers[name] = value;
  });
  const bytes = method === "HEAD" ? new Uint8Array(0) : new Uint8Array(await response.arrayBuffer());
  if (method === "HEAD") await response.body?.cancel();
  if (bytes.byteLength === 0) return { statusCode: response.status, headers, isBase64Encoded: false, body: "" };
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const text = isTextual(response.headers.get("content-type"));
  return { statusCode: response.status, headers, isBase64Encoded: !text, body: buffer.toString(text ? "utf8" : "base64") };
}
