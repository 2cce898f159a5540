import { InvalidRequestError } from "@hotpatch/core";

/** One thing wrong with the configuration, named as the person fixing it knows it. */
export interface ConfigurationIssue {
  /** The environment variable (or, for file-only keys, the dotted key) to fix. */
  variable: string;
  /** The dotted key in hotpatch.config.json, when the issue concerns one key. */
  key: string | undefined;
  /** A sentence that names the variable; never contains a secret's value. */
  message: string;
}

/**
 * The configuration cannot start hotpatch: unknown or misspelled keys, missing required values,
 * malformed values. Every problem is listed at once (fixing them one start at a time is slow), each
 * naming its variable. `field` is the first one, as InvalidRequestError's callers expect.
 */
export class ConfigurationError extends InvalidRequestError {
  readonly issues: readonly ConfigurationIssue[];

  constructor(issues: readonly ConfigurationIssue[]) {
    const first = issues[0];
    const message =
      issues.length === 1 && first
        ? `invalid configuration: ${first.message}`
        : `invalid configuration (${issues.length} problems):\n${issues.map((issue) => `  - ${issue.message}`).join("\n")}`;
    super(message, first?.variable);
    this.name = "ConfigurationError";
    this.issues = issues;
  }
}
