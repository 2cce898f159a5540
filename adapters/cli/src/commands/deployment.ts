import type { Command } from "commander";
import type { ManagementClient } from "../client/management-client.js";
import type { Deployment, LabelMetrics } from "../client/types.js";
import { formatRollout, yesNo } from "../output/format.js";
import { formatTable } from "../output/table.js";
import type { CommandContext } from "./context.js";
import { addHistoryCommand } from "./history.js";

export function registerDeploymentCommands(program: Command, ctx: CommandContext): void {
  const deployment = program.command("deployment").description("manage the deployments of an app");

  deployment
    .command("ls")
    .alias("list")
    .description("list deployments with their latest release")
    .argument("<app>", "app name")
    .option("-k, --displayKeys", "also show the deployment keys")
    .addHelpText("after", "\nExample:\n  hotpatch deployment ls MyApp-iOS -k")
    .action(async (app: string, options: { displayKeys?: boolean }, command: Command) => {
      const client = await ctx.client(command);
      const deployments = await client.listDeployments(app);
      const metrics = await latestMetrics(client, app, deployments);
      const showKeys = options.displayKeys === true;
      ctx.reporter(command).result({ deployments }, () =>
        formatTable(
          [
            "Name",
            ...(showKeys ? ["Deployment key"] : []),
            "Label",
            "App version",
            "Mandatory",
            "Rollout",
            "Active",
            "Installed",
          ],
          deployments.map((d, i) => {
            const pkg = d.package ?? undefined;
            const counts = metrics[i];
            return [
              d.name,
              ...(showKeys ? [d.key] : []),
              pkg?.label ?? "-",
              pkg?.appVersion ?? "-",
              pkg ? yesNo(pkg.isMandatory) : "-",
              pkg ? formatRollout(pkg.rollout) : "-",
              counts ? String(counts.active) : "-",
              counts ? String(counts.installed ?? 0) : "-",
            ];
          }),
        ),
      );
    });

  deployment
    .command("add")
    .description("create a deployment")
    .argument("<app>", "app name")
    .argument("<name>", "deployment name, e.g. Beta")
    .option("--key <key>", "use this deployment key instead of a generated one")
    .addHelpText("after", "\nExample:\n  hotpatch deployment add MyApp-iOS Beta")
    .action(async (app: string, name: string, options: { key?: string }, command: Command) => {
      const created = await (await ctx.client(command)).addDeployment(app, name, options.key);
      ctx.reporter(command).result({ deployment: created }, () =>
        `Created deployment "${created.name}" of "${app}" with key ${created.key}`,
      );
    });

  deployment
    .command("rm")
    .alias("remove")
    .description("delete a deployment and its releases (apps built with its key stop getting updates)")
    .argument("<app>", "app name")
    .argument("<name>", "deployment name")
    .action(async (app: string, name: string, _options: object, command: Command) => {
      await (await ctx.client(command)).removeDeployment(app, name);
      ctx.reporter(command).result({ app, deployment: name, removed: true }, () =>
        `Removed deployment "${name}" of "${app}".`,
      );
    });

  deployment
    .command("rename")
    .description("rename a deployment (its key stays the same)")
    .argument("<app>", "app name")
    .argument("<currentName>", "current deployment name")
    .argument("<newName>", "new deployment name")
    .action(async (app: string, currentName: string, newName: string, _options: object, command: Command) => {
      const renamed = await (await ctx.client(command)).renameDeployment(app, currentName, newName);
      ctx.reporter(command).result({ deployment: renamed }, () =>
        `Renamed deployment "${currentName}" of "${app}" to "${renamed.name}".`,
      );
    });

  addHistoryCommand(deployment, ctx);

  deployment
    .command("clear")
    .description("delete every release of a deployment and its metrics")
    .argument("<app>", "app name")
    .argument("<deployment>", "deployment name")
    .action(async (app: string, name: string, _options: object, command: Command) => {
      await (await ctx.client(command)).clearHistory(app, name);
      ctx.reporter(command).result({ app, deployment: name, cleared: true }, () =>
        `Cleared the release history of "${name}" of "${app}".`,
      );
    });
}

/**
 * Metrics of each deployment's latest label. Best effort: the listing is still useful when a
 * server keeps no metrics, so a failed lookup just leaves the cells empty.
 */
async function latestMetrics(
  client: ManagementClient,
  app: string,
  deployments: readonly Deployment[],
): Promise<(LabelMetrics | undefined)[]> {
  return Promise.all(
    deployments.map(async (d) => {
      const label = d.package?.label;
      if (label === undefined) return undefined;
      try {
        return (await client.metrics(app, d.name))[label] ?? { active: 0 };
      } catch {
        return undefined;
      }
    }),
  );
}
