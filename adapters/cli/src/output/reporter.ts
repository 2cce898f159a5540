import type { OutputStream } from "../io.js";

/**
 * Everything a command prints goes through here, so `--json` really means "JSON only on stdout":
 * human text is skipped, warnings still go to stderr.
 */
export class Reporter {
  constructor(
    private readonly stdout: OutputStream,
    private readonly stderr: OutputStream,
    readonly json: boolean,
  ) {}

  /** Prints `value` as JSON with `--json`, else the human rendering. */
  result(value: unknown, human: () => string): void {
    if (this.json) this.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
    else this.stdout.write(`${human()}\n`);
  }

  warn(message: string): void {
    this.stderr.write(`warning: ${message}\n`);
  }
}
