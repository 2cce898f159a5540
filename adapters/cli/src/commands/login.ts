import type { Command } from "commander";
import { ManagementClient } from "../client/management-client.js";
import { normalizeServerUrl, resolveConnection } from "../config/connection.js";
import { CliError } from "../errors.js";
import { removeSession, sessionPath, writeSession } from "../config/session.js";
import type { CommandContext } from "./context.js";

export function registerLoginCommands(program: Command, ctx: CommandContext): void {
  program
    .command("login")
    .description("check an access key against a server and remember both for later commands")
    .argument("<serverUrl>", "base URL of the hotpatch server")
    .addHelpText("after", "\nExample:\n  hotpatch login https://updates.example.com --access-key $KEY")
    .action(async (serverUrl: string, _options: object, command: Command) => {
      const { accessKey } = ctx.globals(command);
      ctx.protect(accessKey);
      const server = normalizeServerUrl(serverUrl);
      // The key comes from --access-key or HOTPATCH_ACCESS_KEY, never from an older session.
      if (!accessKey && !ctx.io.env["HOTPATCH_ACCESS_KEY"]) {
        throw new CliError(
          `login needs an access key: hotpatch login ${server} --access-key <key> (or set HOTPATCH_ACCESS_KEY)`,
        );
      }
      const connection = resolveConnection({ flags: { server, accessKey }, env: ctx.io.env, session: undefined });
      await new ManagementClient(connection, ctx.fetch(command)).authenticated();
      const file = await writeSession(ctx.io.env, connection);
      ctx.reporter(command).result({ server, sessionFile: file }, () => `Logged in to ${server} (saved in ${file}).`);
    });

  program
    .command("logout")
    .description("forget the saved server and access key (the key itself stays valid on the server)")
    .action(async (_options: object, command: Command) => {
      const removed = await removeSession(ctx.io.env);
      const file = sessionPath(ctx.io.env);
      ctx.reporter(command).result({ loggedOut: removed, sessionFile: file }, () =>
        removed ? `Logged out (removed ${file}).` : "Not logged in; nothing to do.",
      );
    });
}
