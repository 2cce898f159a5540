import { LOG_LEVEL_ORDER, LeveledLogger, type LogFields, type LogLevel, type Logger } from "@hotpatch/core";
import { InvalidOptionsError } from "../errors.js";
import { rejectUnknownOptions } from "../options.js";
import { DEFAULT_REDACTED_WORDS, Redactor, addFields } from "./json-safe.js";

export interface CloudWatchJsonLoggerOptions {
  /** Entries below this level are dropped (default "info"). */
  level?: LogLevel;
  /** Fields every line carries (the function name, say). */
  bindings?: LogFields;
  /**
   * Fields of the current invocation, read for every line (the Lambda adapter returns `{requestId}` from
   * an AsyncLocalStorage), so lines from the shared, once-per-container composition carry the request id.
   */
  context?: () => LogFields | undefined;
  /** Receives each line without its newline (default: one `process.stdout.write` per line). */
  write?: (line: string) => void;
  /** Field-name words whose values become "[redacted]"; replaces DEFAULT_REDACTED_WORDS. */
  redact?: readonly string[];
  now?: () => Date;
}

const OPTION_KEYS = ["level", "bindings", "context", "write", "redact", "now"] as const;
const RESERVED = new Set(["timestamp", "level", "message"]);

/**
 * One JSON object per line on stdout — `{"timestamp","level","message","requestId",...fields}` — which
 * Lambda forwards to CloudWatch Logs unchanged and Logs Insights splits into queryable fields. The keys
 * and the upper-case levels are those of Lambda's own JSON log format, so both kinds of line filter alike.
 * Written with `process.stdout.write`, not `console.log`, which would prefix time and request id as text.
 */
export class CloudWatchJsonLogger extends LeveledLogger {
  readonly #bindings: LogFields;
  readonly #context: (() => LogFields | undefined) | undefined;
  readonly #write: (line: string) => void;
  readonly #redact: readonly string[];
  readonly #redactor: Redactor;
  readonly #now: () => Date;

  constructor(options: CloudWatchJsonLoggerOptions = {}) {
    rejectUnknownOptions(options, OPTION_KEYS, "CloudWatchJsonLogger");
    const level = options.level ?? "info";
    if (!Object.hasOwn(LOG_LEVEL_ORDER, level)) {
      throw new InvalidOptionsError(`CloudWatchJsonLogger: level must be one of ${Object.keys(LOG_LEVEL_ORDER).join(", ")}`, "level");
    }
    super(level);
    this.#bindings = { ...options.bindings };
    this.#context = options.context;
    this.#write = options.write ?? ((line) => void process.stdout.write(`${line}\n`));
    this.#redact = options.redact ?? DEFAULT_REDACTED_WORDS;
    this.#redactor = new Redactor(this.#redact);
    this.#now = options.now ?? (() => new Date());
  }

  child(bindings: LogFields): Logger {
    return new CloudWatchJsonLogger({
      level: this.level,
      bindings: { ...this.#bindings, ...bindings },
      ...(this.#context ? { context: this.#context } : {}),
      write: this.#write,
      redact: this.#redact,
      now: this.#now,
    });
  }

  protected write(level: LogLevel, message: string, fields: LogFields | undefined): void {
    const entry: Record<string, unknown> = { timestamp: this.#now().toISOString(), level: level.toUpperCase(), message: String(message) };
    addFields(entry, this.#context?.() ?? {}, RESERVED, this.#redactor);
    addFields(entry, this.#bindings, RESERVED, this.#redactor);
    if (fields) addFields(entry, fields, RESERVED, this.#redactor);
    this.#write(JSON.stringify(entry));
  }
}
