const TEXT_TYPES = /^(text\/|application\/(json|[\w.+-]+\+json|xml|[\w.+-]+\+xml|javascript|x-www-form-urlencoded)(\s*;|$))/i;
const utf8 = new TextDecoder("utf-8", { fatal: true });

/**
 * A Response body as the string the proxy result carries: text for textual content types (valid UTF-8,
 * not content-encoded), base64 with `isBase64Encoded` for everything else (package downloads).
 */
export async function encodeResponseBody(response: Response): Promise<{ body: string; isBase64Encoded: boolean }> {
  const bytes = new Uint8Array(await response.arrayBuffer());
  if (bytes.byteLength === 0) return { body: "", isBase64Encoded: false };
  const type = response.headers.get("content-type") ?? "";
  const encoding = response.headers.get("content-encoding");
  if (TEXT_TYPES.test(type) && (!encoding || encoding === "identity")) {
    try {
      return { body: utf8.decode(bytes), isBase64Encoded: false };
    } catch {
      // Not UTF-8 after all: send it as binary.
    }
  }
  return { body: Buffer.from(bytes).toString("base64"), isBase64Encoded: true };
}

/** Response headers other than Set-Cookie (each runtime result carries cookies its own way). */
export function headersWithoutCookies(response: Response): Record<string, string> {
  const headers: Record<string, string> = {};
  response.headers.forEach((value, name) => {
    if (name !== "set-cookie") headers[name] = value;
  });
  return headers;
}
