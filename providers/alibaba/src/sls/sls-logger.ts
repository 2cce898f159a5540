import { LOG_LEVEL_ORDER, LeveledLogger, type LogFields, type LogLevel } from "@hotpatch/core";
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
export class SlsLogger extends LeveledLogger {
  readonly #settings: Settings;

  constructor(options: SlsLoggerOptions = {}) {
    rejectUnknownKeys(options, OPTION_KEYS, "SlsLogger");
    const level = options.level ?? "info";
    if (!Object.hasOwn(LOG_LEVEL_ORDER, level)) {
      throw new InvalidAlibabaOptionsError(`log level must be one of ${Object.keys(LOG_LEVEL_ORDER).join(", ")}`, "level");
    }
    super(level);
    this.#settings = {
      level,
      bindings: { ...options.bindings },
      sink: options.sink ?? new StdoutSink(),
      redact: options.redact ?? REDACTED_FIELD_WORDS,
      now: options.now ?? (() => new Date()),
    };
  }

  child(bindings: LogFields): SlsLogger {
    const { level, sink, redact, now } = this.#settings;
    return new SlsLogger({ level, sink, redact, now, bindings: { ...this.#settings.bindings, ...bindings } });
  }

  /** Waits until the sink has sent what it buffered (a no-op for stdout). */
  async flush(): Promise<void> {
    await this.#settings.sink.flush?.();
  }

  protected write(level: LogLevel, message: string, fields: LogFields | undefined): void {
    const { bindings, sink, redact, now } = this.#settings;
    sink.write(buildEntry(now(), level, message, bindings, fields, redact));
  }
}
