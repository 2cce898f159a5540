import { rejectUnknownKeys } from "../../options.js";
import type { SlsLogEntry } from "../log-entry.js";
import type { LogSink } from "../log-sink.js";
import type { SlsLog } from "./log-group.js";
import type { PutLogsClient } from "./put-logs-client.js";

export interface PutLogsSinkOptions {
  /** Send at the latest this long after an entry was written (default 1000 ms). */
  flushIntervalMs?: number;
  /** Send as soon as this many entries wait (default 500; SLS takes up to 4096 per request). */
  maxBatch?: number;
  /** Keep at most this many unsent entries while SLS is unreachable; the oldest are dropped (default 10000). */
  maxBuffered?: number;
  topic?: string;
  source?: string;
  /** Told about failed sends (default: one line on stderr). */
  onError?: (error: unknown) => void;
}

const OPTION_KEYS = ["flushIntervalMs", "maxBatch", "maxBuffered", "topic", "source", "onError"];

/**
 * Batches entries into PutLogs requests. Writing never blocks or throws; a failed batch is kept for the
 * next send (bounded), so a short SLS outage loses nothing. Call `flush()` before the process ends.
 */
export class PutLogsSink implements LogSink {
  readonly #client: PutLogsClient;
  readonly #flushIntervalMs: number;
  readonly #maxBatch: number;
  readonly #maxBuffered: number;
  readonly #topic: string | undefined;
  readonly #source: string | undefined;
  readonly #onError: (error: unknown) => void;
  #buffer: SlsLog[] = [];
  #timer: NodeJS.Timeout | undefined;
  #sending: Promise<void> = Promise.resolve();

  constructor(client: PutLogsClient, options: PutLogsSinkOptions = {}) {
    rejectUnknownKeys(options, OPTION_KEYS, "PutLogsSink");
    this.#client = client;
    this.#flushIntervalMs = options.flushIntervalMs ?? 1000;
    this.#maxBatch = Math.min(options.maxBatch ?? 500, 4096);
    this.#maxBuffered = options.maxBuffered ?? 10_000;
    this.#topic = options.topic;
    this.#source = options.source;
    this.#onError =
      options.onError ??
      ((error) => process.stderr.write(`${JSON.stringify({ level: "error", msg: "SLS PutLogs failed", error: error instanceof Error ? error.message : String(error) })}\n`));
  }

  write(entry: SlsLogEntry): void {
    this.#buffer.push(toSlsLog(entry));
    if (this.#buffer.length > this.#maxBuffered) this.#buffer.splice(0, this.#buffer.length - this.#maxBuffered);
    if (this.#buffer.length >= this.#maxBatch) void this.flush();
    else if (!this.#timer) {
      this.#timer = setTimeout(() => void this.flush(), this.#flushIntervalMs);
      this.#timer.unref(); // never keeps a process alive on its own
    }
  }

  /** Sends everything written so far; resolves when done (failures go to `onError`). */
  flush(): Promise<void> {
    if (this.#timer) {
      clearTimeout(this.#timer);
      this.#timer = undefined;
    }
    this.#sending = this.#sending.then(() => this.#sendAll());
    return this.#sending;
  }

  async #sendAll(): Promise<void> {
    while (this.#buffer.length > 0) {
      const batch = this.#buffer.splice(0, this.#maxBatch);
      try {
        await this.#client.putLogs({
          logs: batch,
          ...(this.#topic !== undefined ? { topic: this.#topic } : {}),
          ...(this.#source !== undefined ? { source: this.#source } : {}),
        });
      } catch (error) {
        this.#buffer.unshift(...batch.slice(0, Math.max(0, this.#maxBuffered - this.#buffer.length)));
        this.#onError(error);
        return; // retried on the next flush
      }
    }
  }
}

/** SLS values are strings: nested values are stored as JSON text. */
function toSlsLog(entry: SlsLogEntry): SlsLog {
  const time = Math.floor(Date.parse(entry.time) / 1000);
  const contents: Array<[string, string]> = Object.entries(entry).map(([key, value]) => [key, typeof value === "string" ? value : JSON.stringify(value)]);
  return { time: Number.isFinite(time) ? time : Math.floor(Date.now() / 1000), contents };
}
