import { LOG_LEVEL_ORDER, type LogFields, type LogLevel, type Logger } from "../ports/logger.port.js";

/**
 * What every provider's logger shares: level filtering and the rule that logging never breaks the
 * caller. Subclasses decide how an entry is shaped and where it goes.
 */
export abstract class LeveledLogger implements Logger {
  protected constructor(readonly level: LogLevel) {}

  isLevelEnabled(level: LogLevel): boolean {
    return LOG_LEVEL_ORDER[level] >= LOG_LEVEL_ORDER[this.level];
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

  abstract child(bindings: LogFields): Logger;

  /** Writes one entry that passed the level filter. */
  protected abstract write(level: LogLevel, message: string, fields: LogFields | undefined): void;

  #log(level: LogLevel, message: string, fields: LogFields | undefined): void {
    if (!this.isLevelEnabled(level)) return;
    try {
      this.write(level, message, fields);
    } catch {
      // Logging never breaks the caller.
    }
  }
}
