import type { LogFields, LogLevel } from "@hotpatch/core";
import { rejectUnknownOptions } from "../object-store/store-options.js";
import { DEFAULT_REDACTED_FIELDS, Redactor, type LogEntry } from "./log-entry.js";
import { StructuredLogger, type StructuredLoggerSettings } from "./structured-logger.js";

export interface MemoryLoggerOptions {
  /** Entries below this level are dropped (default "debug": keep everything). */
  level?: LogLevel;
  bindings?: LogFields;
  redact?: readonly string[];
  now?: () => Date;
}

const OPTION_KEYS = ["level", "bindings", "redact", "now"];

/**
 * For tests: keeps entries (the same objects ConsoleJsonLogger would print, redaction included) in
 * `entries`, which a logger shares with all its children.
 */
export class MemoryLogger extends StructuredLogger {
  readonly entries: LogEntry[];
  readonly #redact: readonly string[];

  constructor(options: MemoryLoggerOptions = {}, entries: LogEntry[] = []) {
    rejectUnknownOptions(options, OPTION_KEYS, "MemoryLogger");
    const redact = options.redact ?? DEFAULT_REDACTED_FIELDS;
    super({
      level: options.level ?? "debug",
      bindings: { ...options.bindings },
      redactor: new Redactor(redact),
      now: options.now ?? (() => new Date()),
    });
    this.entries = entries;
    this.#redact = redact;
  }

  /** Entries with this message, oldest first. */
  find(msg: string): LogEntry[] {
    return this.entries.filter((entry) => entry.msg === msg);
  }

  atLevel(level: LogLevel): LogEntry[] {
    return this.entries.filter((entry) => entry.level === level);
  }

  messages(): string[] {
    return this.entries.map((entry) => entry.msg);
  }

  clear(): void {
    this.entries.length = 0;
  }

  protected override withSettings(settings: StructuredLoggerSettings): MemoryLogger {
    const { level, bindings, now } = settings;
    return new MemoryLogger({ level, bindings, now, redact: this.#redact }, this.entries);
  }

  protected override emit(entry: LogEntry): void {
    this.entries.push(entry);
  }
}
