import type { LogFields, LogLevel } from "@hotpatch/core";
import { rejectUnknownOptions } from "../object-store/store-options.js";
import { DEFAULT_REDACTED_FIELDS, Redactor, type LogEntry } from "./log-entry.js";
import { StructuredLogger, type StructuredLoggerSettings } from "./structured-logger.js";

export interface ConsoleJsonLoggerOptions {
  /** Entries below this level are dropped (default "info"). */
  level?: LogLevel;
  /** Fields every line carries. */
  bindings?: LogFields;
  /** Receives each line without its newline (default: stdout, one line per entry). */
  write?: (line: string) => void;
  /** Field-name words whose values become "[redacted]"; replaces DEFAULT_REDACTED_FIELDS. */
  redact?: readonly string[];
  now?: () => Date;
}

const OPTION_KEYS = ["level", "bindings", "write", "redact", "now"];

const writeToStdout = (line: string): void => {
  process.stdout.write(`${line}\n`);
};

/**
 * One JSON object per line — `{"time","level","msg",...bindings,...fields}` — the shape SLS and
 * CloudWatch Logs Insights aggregate on. Errors become `{name,message,code}`; secrets are redacted.
 */
export class ConsoleJsonLogger extends StructuredLogger {
  readonly #write: (line: string) => void;
  readonly #redact: readonly string[];

  constructor(options: ConsoleJsonLoggerOptions = {}) {
    rejectUnknownOptions(options, OPTION_KEYS, "ConsoleJsonLogger");
    const redact = options.redact ?? DEFAULT_REDACTED_FIELDS;
    super({
      level: options.level ?? "info",
      bindings: { ...options.bindings },
      redactor: new Redactor(redact),
      now: options.now ?? (() => new Date()),
    });
    this.#write = options.write ?? writeToStdout;
    this.#redact = redact;
  }

  protected override withSettings(settings: StructuredLoggerSettings): ConsoleJsonLogger {
    const { level, bindings, now } = settings;
    return new ConsoleJsonLogger({ level, bindings, now, write: this.#write, redact: this.#redact });
  }

  protected override emit(entry: LogEntry): void {
    this.#write(JSON.stringify(entry));
  }
}
