import type { Command } from "commander";
import { parseLabel } from "../parse/options.js";
import type { CommandContext } from "./context.js";

export function registerRollbackCommand(program: Command, ctx: CommandContext): void {
  program
    .command("rollback")
    .description("release again what an earlier release contained (by default the one before the latest)")
    .argument("<app>", "app name")
    .argument("<deployment>", "deployment name")
    .option("--target-release <label>", "release to go back to, e.g. v3", parseLabel)
    .addHelpText("after", "\nExample:\n  hotpatch rollback MyApp-iOS Production --target-release v3")
    .action(async (app: string, deployment: string, options: { targetRelease?: string }, command: Command) => {
      const client = await ctx.client(command);
      const created = await client.rollback(app, deployment, options.targetRelease);
      ctx.reporter(command).result({ package: created }, () =>
        `Rolled back "${deployment}" of "${app}": new release ${created.label} has the content of ${created.originalLabel ?? "the previous release"}.`,
      );
    });
}
