import { LOG_LEVEL_ORDER, type LogFields, type LogLevel, type Logger } from "@hotpatch/core";
import { InvalidAlibabaOptionsError } from "../errors.js";
import { rejectUnknownKeys } from "../options.js";
import { REDACTED_FIELD_WORDS, buildEntry } from "./log-entry.js";
import { StdoutSink, type LogSink } from "./log-sink.js";

export interface SlsLoggerOptions {
  /** Entries below this level are dropped (default "info"). */
  level?: LogLevel;
  /** Fields on every line (function name, region, ...). */
  bindings?: LogFields;
  /** Default: stdout, which FC's logConfig ships to SLS. Use PutLogsSink outside FC. */
  sink?: LogSink;
  /** Field-name words whose values become "[redacted]" (replaces the default list). */
  redact?: readonly string[];
  now?: () => Date;
}

const OPTION_KEYS = ["level", "bindings", "sink", "redact", "now"];

interface Settings {
  level: LogLevel;
  bindings: LogFields;
  sink: LogSink;
  redact: readonly string[];
  now: () => Date;
}

/** The Logger port for Simple Log Service: structured entries, one per line / per SLS log. */
export class SlsLogger implements Logger {
  readonly #settings: Settings;

  constructor(options: SlsLoggerOptions = {}) {
    rejectUnknownKeys(options, OPTION_KEYS, "SlsLogger");
    const level = options.level ?? "info";
    if (!Object.hasOwn(LOG_LEVEL_ORDER, level)) {
      throw new InvalidAlibabaOptionsError(`log level must be one of ${Object.keys(LOG_LEVEL_ORDER).join(", ")}`, "level");
    }
    this.#settings = {
      level,
      bindings: { ...options.bindings },
      sink: options.sink ?? new StdoutSink(),
      redact: options.redact ?? REDACTED_FIELD_WORDS,
      now: options.now ?? (() => new Date()),
    };
  }

  debug(message: string, fields?: LogFields): void {
    this.#log("debug", message, fields);
  }

  info(message: string, fields?: LogFields): void {
    this.#log("info", message, fields);
  }

  warn(message: string, fields?: LogFields): void {
    this.#log("warn", message, fields);
  }

  error(message: string, fields?: LogFields): void {
    this.#log("error", message, fields);
  }

  child(bindings: LogFields): SlsLogger {
    const { level, sink, redact, now } = this.#settings;
    return new SlsLogger({ level, sink, redact, now, bindings: { ...this.#settings.bindings, ...bindings } });
  }

  /** Waits until the sink has sent what it buffered (a no-op for stdout). */
  async flush(): Promise<void> {
    await this.#settings.sink.flush?.();
  }

  #log(level: LogLevel, message: string, fields: LogFields | undefined): void {
    const { bindings, sink, redact, now } = this.#settings;
    if (LOG_LEVEL_ORDER[level] < LOG_LEVEL_ORDER[this.#settings.level]) return;
    try {
      sink.write(buildEntry(now(), level, message, bindings, fields, redact));
    } catch {
      // Logging never breaks the caller.
    }
  }
}
