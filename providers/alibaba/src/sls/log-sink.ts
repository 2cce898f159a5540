import type { SlsLogEntry } from "./log-entry.js";

/** Where an SlsLogger's entries go. `write` must not throw; `flush` waits for buffered entries. */
export interface LogSink {
  write(entry: SlsLogEntry): void;
  flush?(): Promise<void>;
}

/**
 * One JSON object per line on stdout. On FC this is the whole transport: the function's `logConfig`
 * ships stdout to the logstore, where each line's JSON becomes indexable fields.
 */
export class StdoutSink implements LogSink {
  readonly #write: (line: string) => void;

  constructor(write: (line: string) => void = (line) => process.stdout.write(line)) {
    this.#write = write;
  }

  write(entry: SlsLogEntry): void {
    this.#write(`${JSON.stringify(entry)}\n`);
  }
}
