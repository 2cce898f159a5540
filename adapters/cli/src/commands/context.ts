import type { Command } from "commander";
import { ManagementClient } from "../client/management-client.js";
import { resolveConnection } from "../config/connection.js";
import { readSession } from "../config/session.js";
import type { CliIo, OutputStream, SecretRedactor } from "../io.js";
import { Reporter } from "../output/reporter.js";

/** Options on the root program, accepted before or after any subcommand. */
export interface GlobalOptions {
  server?: string;
  accessKey?: string;
  json?: boolean;
}

/** What every command needs: where to write, and a client for the configured server. */
export class CommandContext {
  constructor(
    /** Streams here already redact secrets. */
    readonly io: CliIo,
    private readonly redactor: SecretRedactor,
    /** The unwrapped stderr, for the progress bar, which must draw on a real terminal. */
    readonly terminal: OutputStream,
  ) {}

  globals(command: Command): GlobalOptions {
    return command.optsWithGlobals<GlobalOptions>();
  }

  reporter(command: Command): Reporter {
    return new Reporter(this.io.stdout, this.io.stderr, this.globals(command).json === true);
  }

  /** Resolves server and key (flag > env > session file) and returns a client for them. */
  async client(command: Command): Promise<ManagementClient> {
    const session = await readSession(this.io.env);
    this.redactor.add(session?.accessKey);
    const { server, accessKey } = this.globals(command);
    const connection = resolveConnection({ flags: { server, accessKey }, env: this.io.env, session });
    this.redactor.add(connection.accessKey);
    return new ManagementClient(connection, this.io.fetch ?? fetch);
  }

  /** Registers a secret typed by the user (e.g. at login) so no output can show it. */
  protect(secret: string | undefined): void {
    this.redactor.add(secret);
  }
}
