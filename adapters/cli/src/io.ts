/** Where the CLI writes and what it reads from its environment; tests pass fakes. */
export interface OutputStream {
  write(chunk: string): unknown;
  readonly isTTY?: boolean;
}

export interface CliIo {
  readonly stdout: OutputStream;
  readonly stderr: OutputStream;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Defaults to the global `fetch`. */
  readonly fetch?: typeof fetch;
}

/**
 * Replaces every known secret (the access key in use) with `***` before anything reaches the terminal.
 * We never print the key on purpose; this is the backstop for texts we do not control (server bodies,
 * option-parsing errors that echo an argument).
 */
export class SecretRedactor {
  private readonly secrets = new Set<string>();

  add(secret: string | undefined): void {
    // Very short strings would mangle ordinary output; real keys are at least 10 characters long.
    if (secret !== undefined && secret.length >= 4) this.secrets.add(secret);
  }

  redact(text: string): string {
    let out = text;
    for (const secret of this.secrets) out = out.split(secret).join("***");
    return out;
  }
}

export function redactingStream(stream: OutputStream, redactor: SecretRedactor): OutputStream {
  return {
    write: (chunk: string) => stream.write(redactor.redact(chunk)),
    get isTTY() {
      return stream.isTTY;
    },
  };
}

/** Secrets named on the command line, found before parsing so even parse errors cannot echo them. */
export function accessKeysInArgv(argv: readonly string[]): string[] {
  const keys: string[] = [];
  argv.forEach((arg, i) => {
    for (const flag of ["--access-key", "--ca-secret"]) {
      if (arg === flag) {
        const next = argv[i + 1];
        if (next !== undefined) keys.push(next);
      } else if (arg.startsWith(`${flag}=`)) {
        keys.push(arg.slice(flag.length + 1));
      }
    }
  });
  return keys;
}
