import { parseFcPayload } from "@hotpatch/provider-alibaba";
import { UnrecognisedEventError } from "../errors.js";
import type { FcEvent } from "../fc-context.js";

/** FC passes the payload as a Buffer and never parses it (platforms.md §1.2). */
export function eventJson(event: FcEvent): Record<string, unknown> {
  const parsed = parseFcPayload(event);
  if (parsed === undefined) throw new UnrecognisedEventError("the event is not JSON; is this function wired to an HTTP trigger or API Gateway?");
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) throw new UnrecognisedEventError("the event is not a JSON object");
  return parsed as Record<string, unknown>;
}
