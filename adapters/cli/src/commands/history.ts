import type { Command } from "commander";
import { formatReleaseMethod, formatRollout, formatTime, shorten, yesNo } from "../output/format.js";
import { formatTable } from "../output/table.js";
import type { CommandContext } from "./context.js";

/** Adds `history <app> <deployment>` under `parent` (used by `deployment history` and top-level `history`). */
export function addHistoryCommand(parent: Command, ctx: CommandContext): void {
  parent
    .command("history")
    .description("list the releases of a deployment, oldest first")
    .argument("<app>", "app name")
    .argument("<deployment>", "deployment name, e.g. Production")
    .addHelpText("after", "\nExample:\n  hotpatch history MyApp-iOS Production")
    .action(async (app: string, deployment: string, _options: object, command: Command) => {
      const history = await (await ctx.client(command)).history(app, deployment);
      ctx.reporter(command).result({ history }, () =>
        history.length === 0
          ? `"${deployment}" of "${app}" has no releases yet.`
          : formatTable(
              ["Label", "Released", "How", "App version", "Mandatory", "Disabled", "Rollout", "Description"],
              history.map((pkg) => [
                pkg.label,
                formatTime(pkg.uploadTime),
                formatReleaseMethod(pkg),
                pkg.appVersion,
                yesNo(pkg.isMandatory),
                yesNo(pkg.isDisabled),
                formatRollout(pkg.rollout),
                shorten(pkg.description),
              ]),
            ),
      );
    });
}
