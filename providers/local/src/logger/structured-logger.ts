import { LOG_LEVEL_ORDER } from "@hotpatch/core";
import type { LogFields, LogLevel, Logger } from "@hotpatch/core";
import { InvalidOptionsError } from "../errors.js";
import { Redactor, buildLogEntry, type LogEntry } from "./log-entry.js";

export interface StructuredLoggerSettings {
  level: LogLevel;
  bindings: LogFields;
  redactor: Redactor;
  now: () => Date;
}

export function assertLogLevel(level: unknown): asserts level is LogLevel {
  if (typeof level !== "string" || !Object.hasOwn(LOG_LEVEL_ORDER, level)) {
    throw new InvalidOptionsError(`log level must be one of ${Object.keys(LOG_LEVEL_ORDER).join(", ")}`, "level");
  }
}

/** Level filtering, bindings and entry building; subclasses only decide where an entry goes. */
export abstract class StructuredLogger implements Logger {
  protected readonly settings: StructuredLoggerSettings;

  protected constructor(settings: StructuredLoggerSettings) {
    assertLogLevel(settings.level);
    this.settings = settings;
  }

  get level(): LogLevel {
    return this.settings.level;
  }

  isLevelEnabled(level: LogLevel): boolean {
    return LOG_LEVEL_ORDER[level] >= LOG_LEVEL_ORDER[this.settings.level];
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

  child(bindings: LogFields): Logger {
    return this.withSettings({ ...this.settings, bindings: { ...this.settings.bindings, ...bindings } });
  }

  /** A logger of the same kind (and sink) with other settings. */
  protected abstract withSettings(settings: StructuredLoggerSettings): StructuredLogger;

  protected abstract emit(entry: LogEntry): void;

  #log(level: LogLevel, message: string, fields: LogFields | undefined): void {
    if (!this.isLevelEnabled(level)) return;
    try {
      const { bindings, redactor, now } = this.settings;
      this.emit(buildLogEntry(now(), level, message, bindings, fields, redactor));
    } catch {
      // Logging never breaks the caller.
    }
  }
}
