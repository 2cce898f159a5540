import type { Command } from "commander";
import { formatTable } from "../output/table.js";
import type { CommandContext } from "./context.js";

export function registerAppCommands(program: Command, ctx: CommandContext): void {
  const app = program.command("app").description("manage apps");

  app
    .command("add")
    .description("create an app with a Production and a Staging deployment")
    .argument("<name>", "app name, e.g. MyApp-iOS")
    .addHelpText("after", "\nExample:\n  hotpatch app add MyApp-iOS")
    .action(async (name: string, _options: object, command: Command) => {
      const client = await ctx.client(command);
      const created = await client.addApp(name);
      // The create answer names the deployments; their keys (what the app is built with) need a list.
      const deployments = await client.listDeployments(created.name);
      const keys = deployments.map(({ name: deployment, key }) => ({ name: deployment, key }));
      ctx.reporter(command).result({ app: created, deployments: keys }, () =>
        [
          `Created app "${created.name}". Deployment keys:`,
          formatTable(["Name", "Deployment key"], keys.map((d) => [d.name, d.key])),
        ].join("\n"),
      );
    });

  app
    .command("ls")
    .alias("list")
    .description("list the apps you can access")
    .action(async (_options: object, command: Command) => {
      const apps = await (await ctx.client(command)).listApps();
      ctx.reporter(command).result({ apps }, () =>
        apps.length === 0
          ? 'No apps yet. Create one with "hotpatch app add <name>".'
          : formatTable(
              ["Name", "Deployments"],
              apps.map((a) => [a.name, a.deployments.join(", ")]),
            ),
      );
    });

  app
    .command("rm")
    .alias("remove")
    .description("delete an app with all its deployments and releases")
    .argument("<name>", "app name")
    .action(async (name: string, _options: object, command: Command) => {
      await (await ctx.client(command)).removeApp(name);
      ctx.reporter(command).result({ app: name, removed: true }, () => `Removed app "${name}".`);
    });

  app
    .command("rename")
    .description("rename an app (deployment keys stay the same)")
    .argument("<currentName>", "current app name")
    .argument("<newName>", "new app name")
    .action(async (currentName: string, newName: string, _options: object, command: Command) => {
      const renamed = await (await ctx.client(command)).renameApp(currentName, newName);
      ctx.reporter(command).result({ app: renamed }, () => `Renamed app "${currentName}" to "${renamed.name}".`);
    });
}
