import { LOG_LEVEL_ORDER, LeveledLogger } from "@hotpatch/core";
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

/** Bindings and entry building over core's level filtering; subclasses only decide where an entry goes. */
export abstract class StructuredLogger extends LeveledLogger {
  protected readonly settings: StructuredLoggerSettings;

  protected constructor(settings: StructuredLoggerSettings) {
    assertLogLevel(settings.level);
    super(settings.level);
    this.settings = settings;
  }

  child(bindings: LogFields): Logger {
    return this.withSettings({ ...this.settings, bindings: { ...this.settings.bindings, ...bindings } });
  }

  /** A logger of the same kind (and sink) with other settings. */
  protected abstract withSettings(settings: StructuredLoggerSettings): StructuredLogger;

  protected abstract emit(entry: LogEntry): void;

  protected write(level: LogLevel, message: string, fields: LogFields | undefined): void {
    const { bindings, redactor, now } = this.settings;
    this.emit(buildLogEntry(now(), level, message, bindings, fields, redactor));
  }
}
