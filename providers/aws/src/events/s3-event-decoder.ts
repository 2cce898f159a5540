import { InvalidRequestError, type CoreEvent, type EventDecoder } from "@hotpatch/core";
import { rejectUnknownOptions } from "../options.js";
import { decodeS3EventKey } from "./s3-notification.js";

export interface S3EventDecoderOptions {
  /** Only keys under this prefix become events (default "src/", the drop zone; "" for all). */
  prefix?: string;
}

const OPTION_KEYS = ["prefix"] as const;

/** The payload S3 sends once when a notification configuration is saved; it carries no records. */
function isTestEvent(raw: Record<string, unknown>): boolean {
  return raw.Event === "s3:TestEvent";
}

/**
 * Turns an S3 notification (`Records[]`) into `ObjectCreated {key, size, etag}` events: only
 * `ObjectCreated:*` records from `aws:s3` under the prefix; keys URL-decoded (`+` is a space); ETags quoted
 * as S3's HEAD returns them, so an event's etag equals the stored object's. The prefix is also set in the
 * bucket's notification filter; checking it here keeps a misconfigured filter from ingesting other keys.
 */
export class S3EventDecoder implements EventDecoder<unknown> {
  readonly #prefix: string;

  constructor(options: S3EventDecoderOptions = {}) {
    rejectUnknownOptions(options, OPTION_KEYS, "S3EventDecoder");
    this.#prefix = options.prefix ?? "src/";
  }

  decode(raw: unknown): CoreEvent[] {
    if (typeof raw !== "object" || raw === null) throw new InvalidRequestError("an S3 notification must be a JSON object", "Records");
    const payload = raw as Record<string, unknown>;
    if (isTestEvent(payload)) return [];
    if (!Array.isArray(payload.Records)) throw new InvalidRequestError("not an S3 notification: Records[] is missing", "Records");
    const events: CoreEvent[] = [];
    for (const [index, record] of payload.Records.entries()) {
      const event = decodeRecord(record, index);
      if (event && event.key.startsWith(this.#prefix)) events.push(event);
    }
    return events;
  }
}

function decodeRecord(record: unknown, index: number): CoreEvent | null {
  const r = (typeof record === "object" && record !== null ? record : {}) as {
    eventSource?: unknown;
    eventName?: unknown;
    s3?: { object?: { key?: unknown; size?: unknown; eTag?: unknown } };
  };
  if (r.eventSource !== "aws:s3" || typeof r.eventName !== "string" || !r.eventName.startsWith("ObjectCreated:")) return null;
  const object = r.s3?.object;
  if (typeof object?.key !== "string") throw new InvalidRequestError(`Records[${index}].s3.object.key is missing`, "Records");
  let key: string;
  try {
    key = decodeS3EventKey(object.key);
  } catch {
    throw new InvalidRequestError(`Records[${index}].s3.object.key is not valid URL encoding`, "Records");
  }
  const size = typeof object.size === "number" && Number.isFinite(object.size) ? object.size : 0;
  const etag = typeof object.eTag === "string" && object.eTag !== "" ? quoted(object.eTag) : "";
  return { type: "ObjectCreated", key, size, etag };
}

function quoted(etag: string): string {
  return etag.startsWith('"') ? etag : `"${etag}"`;
}
