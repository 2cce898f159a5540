/**
 * FC hands every event function its payload as a Buffer (or a string) and never parses it
 * (platforms.md §1.2). The parsed JSON, the value itself when it already is an object, or `undefined`
 * when the bytes are not JSON — callers say what they expected.
 */
export function parseFcPayload(raw: unknown): unknown {
  if (typeof raw !== "string" && !(raw instanceof Uint8Array)) return raw;
  const text = typeof raw === "string" ? raw : Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength).toString("utf8");
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
