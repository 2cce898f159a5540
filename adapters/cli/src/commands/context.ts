import type { Command } from "commander";
import { apiGatewaySigningFetch, resolveApiGatewayCredentials } from "../client/api-gateway-signing.js";
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
  caKey?: string;
  caSecret?: string;
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
    return new ManagementClient(connection, this.fetch(command));
  }

  /** The fetch for server calls: signing for API Gateway app authentication when --ca-key/--ca-secret are set. */
  fetch(command: Command): typeof fetch {
    const { caKey, caSecret } = this.globals(command);
    const signing = resolveApiGatewayCredentials({ flags: { caKey, caSecret }, env: this.io.env });
    this.redactor.add(signing?.appSecret);
    const fetchImpl = this.io.fetch ?? fetch;
    return signing ? apiGatewaySigningFetch(fetchImpl, signing) : fetchImpl;
  }

  /** Registers a secret typed by the user (e.g. at login) so no output can show it. */
  protect(secret: string | undefined): void {
    this.redactor.add(secret);
  }
}
