import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Command } from "commander";
import { CliError } from "../errors.js";
import { formatTable } from "../output/table.js";
import { listPackageFiles, writeZip } from "../zip/zip-directory.js";
import type { CommandContext } from "./context.js";

const PLATFORMS = ["ios", "android"];

/**
 * `hotpatch binary add|ls|rm`: registers the JS bundle and assets inside a store build, so devices
 * still running it get a diff. The directory is what the build embeds (`main.jsbundle` + `assets/` on
 * iOS, `index.android.bundle` + `res/…` on Android); it is uploaded as `CodePush/…`, the layout the
 * device hashes.
 */
export function registerBinaryCommands(program: Command, ctx: CommandContext): void {
  const binary = program.command("binary").description("register the bundle embedded in a store build, to diff from");

  binary
    .command("add")
    .description("register the bundle + assets of a store build")
    .argument("<app>", "app name")
    .argument("<platform>", "ios or android")
    .argument("<appVersion>", "the store build's exact version, e.g. 1.4.0")
    .argument("<dir>", "folder with the bundle and assets as the build embeds them")
    .addHelpText("after", "\nExample:\n  hotpatch binary add MyApp-iOS ios 1.4.0 ./build/ios-bundle")
    .action(async (app: string, platform: string, appVersion: string, dir: string, _options: object, command: Command) => {
      if (!PLATFORMS.includes(platform)) throw new CliError(`platform must be ios or android (got "${platform}")`);
      const files = await listPackageFiles(dir);
      if (files.length === 0) throw new CliError(`${dir} contains no files`);
      const tempDir = await mkdtemp(join(tmpdir(), "hotpatch-binary-"));
      try {
        // Replace the folder's own name with CodePush/: the device synthesises exactly that tree.
        const renamed = files.map((f) => ({ absolutePath: f.absolutePath, entryName: `CodePush/${f.entryName.split("/").slice(1).join("/")}` }));
        const zipPath = join(tempDir, "binary.zip");
        await writeZip(renamed, zipPath);
        const added = await (await ctx.client(command)).addBinary(app, { path: zipPath, name: "binary.zip" }, { platform, appVersion });
        ctx.reporter(command).result({ binary: added }, () =>
          `Registered the ${platform} ${appVersion} binary of "${app}" (${files.length} files, hash ${added.packageHash}).`,
        );
      } finally {
        await rm(tempDir, { recursive: true, force: true });
      }
    });

  binary
    .command("ls")
    .alias("list")
    .description("list the registered store binaries of an app")
    .argument("<app>", "app name")
    .action(async (app: string, _options: object, command: Command) => {
      const binaries = await (await ctx.client(command)).listBinaries(app);
      ctx.reporter(command).result({ binaries }, () =>
        binaries.length === 0
          ? `No binaries registered for "${app}".`
          : formatTable(["Platform", "App version", "Package hash"], binaries.map((b) => [b.platform, b.appVersion, b.packageHash])),
      );
    });

  binary
    .command("rm")
    .alias("remove")
    .description("forget a registered store binary")
    .argument("<app>", "app name")
    .argument("<platform>", "ios or android")
    .argument("<appVersion>", "the store build's version")
    .action(async (app: string, platform: string, appVersion: string, _options: object, command: Command) => {
      await (await ctx.client(command)).removeBinary(app, platform, appVersion);
      ctx.reporter(command).result({ removed: true }, () => `Removed the ${platform} ${appVersion} binary of "${app}".`);
    });
}
