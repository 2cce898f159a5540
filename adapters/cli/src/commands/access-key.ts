import type { Command } from "commander";
import { formatTime } from "../output/format.js";
import { formatTable } from "../output/table.js";
import { parseDuration } from "../parse/options.js";
import type { CommandContext } from "./context.js";

export function registerAccessKeyCommands(program: Command, ctx: CommandContext): void {
  const accessKey = program.command("access-key").description("manage access keys (for CI or other machines)");

  accessKey
    .command("add")
    .description("create an access key; its secret is shown once")
    .argument("<friendlyName>", "a name to recognise the key by, e.g. ci-github")
    .option("--ttl <duration>", "how long it stays valid, e.g. 30d, 12h, 1y (default: the server's, 60 days)", parseDuration)
    .addHelpText("after", "\nExample:\n  hotpatch access-key add ci-github --ttl 90d")
    .action(async (friendlyName: string, options: { ttl?: number }, command: Command) => {
      const created = await (await ctx.client(command)).addAccessKey(friendlyName, options.ttl);
      ctx.reporter(command).result({ accessKey: created }, () =>
        [
          `Created access key "${created.friendlyName}" (expires ${formatTime(created.expires)}):`,
          `  ${created.name ?? "(the server did not return the secret)"}`,
          "Store it now: it cannot be shown again.",
        ].join("\n"),
      );
    });

  accessKey
    .command("ls")
    .alias("list")
    .description("list your access keys (secrets are never shown)")
    .action(async (_options: object, command: Command) => {
      const keys = await (await ctx.client(command)).listAccessKeys();
      const now = Date.now();
      ctx.reporter(command).result({ accessKeys: keys }, () =>
        formatTable(
          ["Name", "Created", "Expires", "Created by"],
          keys.map((k) => [
            k.friendlyName + (k.isSession ? " (session)" : ""),
            formatTime(k.createdTime),
            formatTime(k.expires) + (k.expires <= now ? " (expired)" : ""),
            k.createdBy ?? "",
          ]),
        ),
      );
    });

  accessKey
    .command("rm")
    .alias("remove")
    .description("revoke an access key at once")
    .argument("<name>", "the key's friendly name")
    .action(async (name: string, _options: object, command: Command) => {
      await (await ctx.client(command)).removeAccessKey(name);
      ctx.reporter(command).result({ accessKey: name, removed: true }, () => `Removed access key "${name}".`);
    });
}
