/**
 * The one error the CLI shows to people. Its message is a single line written for the person at the
 * terminal; `status` is the HTTP status when the server refused the request.
 */
export class CliError extends Error {
  override readonly name = "CliError";
  readonly status: number | undefined;

  constructor(message: string, options: { status?: number; cause?: unknown } = {}) {
    super(message, { cause: options.cause });
    this.status = options.status;
  }
}

/** The message of anything thrown, for embedding in a one-line error. */
export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
