import { parseFcPayload } from "./fc-payload.js";
import type { CoreEvent, EventDecoder } from "@hotpatch/core";
import { InvalidTriggerEventError } from "../errors.js";
import { rejectUnknownKeys } from "../options.js";
import type { OssEventRecord, OssTriggerPayload } from "./oss-trigger-event.js";

export interface OssTriggerDecoderOptions {
  /** Only keys under this prefix become events (default `src/`, the drop zone). */
  prefix?: string;
  /** Only events of this bucket (default: any). */
  bucket?: string;
  /**
   * How `oss.object.key` arrives. "url" (default): percent-encoded, as the trigger delivers it; a key
   * that is not valid percent-encoding is taken as it is. "plain": used verbatim.
   */
  keyEncoding?: "url" | "plain";
}

const OPTION_KEYS = ["prefix", "bucket", "keyEncoding"];

/**
 * Decodes an FC OSS-trigger payload into core `ObjectCreated` events: created objects only (any
 * `ObjectCreated:*` name), under the prefix, with the ETag in the quoted form OSS answers on HEAD so that
 * it compares equal to the store's. Deletes and other events are ignored.
 */
export class OssTriggerDecoder implements EventDecoder<OssTriggerPayload> {
  readonly #prefix: string;
  readonly #bucket: string | undefined;
  readonly #keyEncoding: "url" | "plain";

  constructor(options: OssTriggerDecoderOptions = {}) {
    rejectUnknownKeys(options, OPTION_KEYS, "OssTriggerDecoder");
    this.#prefix = options.prefix ?? "src/";
    this.#bucket = options.bucket;
    this.#keyEncoding = options.keyEncoding ?? "url";
  }

  decode(raw: OssTriggerPayload): CoreEvent[] {
    const records = parseRecords(raw);
    const events: CoreEvent[] = [];
    for (const record of records) {
      if (record.eventSource !== "acs:oss" || typeof record.eventName !== "string") continue;
      // Delivered names lack the `oss:` prefix; accept it anyway in case a test or bridge adds it.
      if (!record.eventName.replace(/^oss:/, "").startsWith("ObjectCreated:")) continue;
      if (this.#bucket !== undefined && record.oss?.bucket?.name !== this.#bucket) continue;
      const object = record.oss?.object;
      if (!object || typeof object.key !== "string" || typeof object.eTag !== "string") {
        throw new InvalidTriggerEventError("an OSS event has no oss.object.key / oss.object.eTag");
      }
      const key = this.#keyEncoding === "url" ? decodeKey(object.key) : object.key;
      if (!key.startsWith(this.#prefix)) continue;
      events.push({ type: "ObjectCreated", key, size: Number(object.size ?? 0), etag: quoteEtag(object.eTag) });
    }
    return events;
  }
}

function parseRecords(raw: OssTriggerPayload): OssEventRecord[] {
  const parsed = parseFcPayload(raw);
  if (parsed === undefined) throw new InvalidTriggerEventError("the trigger payload is not JSON; is this function wired to an OSS trigger?");
  const events = (parsed as { events?: unknown } | null)?.events;
  if (!Array.isArray(events)) throw new InvalidTriggerEventError('the trigger payload has no "events" array; is this function wired to an OSS trigger?');
  return events as OssEventRecord[];
}

function decodeKey(key: string): string {
  if (!key.includes("%")) return key;
  try {
    return decodeURIComponent(key);
  } catch {
    return key;
  }
}

/** The trigger sends `688A…`; OSS answers HEAD/PUT with `"688A…"`. */
function quoteEtag(etag: string): string {
  return etag.startsWith('"') ? etag : `"${etag}"`;
}
