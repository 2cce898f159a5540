import type { Command } from "commander";
import type { CommandContext } from "./context.js";

export function registerConfigCommands(program: Command, ctx: CommandContext): void {
  const config = program.command("config").description("the server's configuration (docs/configuration.md)");
  config
    .command("check")
    .description("validate the server's configuration (environment and hotpatch.config.json) and print it, secrets masked")
    .option("--config <file>", "configuration file (default: $HOTPATCH_CONFIG, else ./hotpatch.config.json if present)")
    .addHelpText("after", "\nExamples:\n  hotpatch config check\n  HOTPATCH_PROVIDER=aws HOTPATCH_BUCKET=releases hotpatch config check --json")
    .action(async (flags: { config?: string }, command: Command) => {
      // Loaded on demand, like `serve`: management commands never load the container.
      const { runConfigCheck } = await import("./config-check.js");
      await runConfigCheck(ctx, command, flags.config);
    });
}
