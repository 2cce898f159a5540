import { UnrecognisedEventError } from "../errors.js";
import type { FcEvent } from "../fc-context.js";

/** FC passes the payload as a Buffer and never parses it (platforms.md §1.2). */
export function eventJson(event: FcEvent): Record<string, unknown> {
  let parsed: unknown = event;
  if (typeof event === "string" || event instanceof Uint8Array) {
    const text = typeof event === "string" ? event : Buffer.from(event.buffer, event.byteOffset, event.byteLength).toString("utf8");
    try {
      parsed = JSON.parse(text);
    } catch {
      throw new UnrecognisedEventError("the event is not JSON; is this function wired to an HTTP trigger or API Gateway?");
    }
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) throw new UnrecognisedEventError("the event is not a JSON object");
  return parsed as Record<string, unknown>;
}
