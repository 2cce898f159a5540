import type { Command } from "commander";
import type { PackageInfoUpdate } from "../client/types.js";
import { CliError } from "../errors.js";
import { formatRollout, yesNo } from "../output/format.js";
import { assertTargetRange, parseBoolean, parseLabel, parseRollout } from "../parse/options.js";
import type { CommandContext } from "./context.js";

interface PatchOptions {
  label?: string;
  mandatory?: boolean;
  disabled?: boolean;
  rollout?: number;
  description?: string;
  targetBinaryVersion?: string;
}

export function registerPatchCommand(program: Command, ctx: CommandContext): void {
  program
    .command("patch")
    .description("change a release's settings (by default the latest release)")
    .argument("<app>", "app name")
    .argument("<deployment>", "deployment name")
    .option("-l, --label <label>", "release to change, e.g. v4 (default: the latest)", parseLabel)
    .option("-m, --mandatory <true|false>", "make it mandatory or optional", parseBoolean)
    .option("-x, --disabled <true|false>", "disable or enable it", parseBoolean)
    .option("-r, --rollout <percent>", "raise the rollout, 1–100 (it can only grow)", parseRollout)
    .option("--description <text>", "new release notes")
    .option("-t, --target-binary-version <range>", "new target binary version range")
    .addHelpText("after", "\nExamples:\n  hotpatch patch MyApp-iOS Production -r 50\n  hotpatch patch MyApp-iOS Production -l v4 -x true")
    .action(async (app: string, deployment: string, options: PatchOptions, command: Command) => {
      const changes: PackageInfoUpdate = {
        appVersion:
          options.targetBinaryVersion === undefined ? undefined : assertTargetRange(options.targetBinaryVersion),
        description: options.description,
        isMandatory: options.mandatory,
        isDisabled: options.disabled,
        rollout: options.rollout,
      };
      if (Object.values(changes).every((value) => value === undefined)) {
        throw new CliError("nothing to patch: give at least one of -m, -x, -r, --description, -t");
      }
      const client = await ctx.client(command);
      // The CodePush CLI always sends `label`; null selects the latest release.
      const patched = await client.patchRelease(app, deployment, { label: options.label ?? null, ...changes });
      const which = options.label ?? "the latest release";
      ctx.reporter(command).result({ changed: patched !== undefined, package: patched ?? null }, () =>
        patched === undefined
          ? `Nothing changed: ${which} of "${deployment}" already has these settings.`
          : `Patched ${patched.label} of "${deployment}" of "${app}": app version ${patched.appVersion}, ` +
            `mandatory ${yesNo(patched.isMandatory)}, disabled ${yesNo(patched.isDisabled)}, rollout ${formatRollout(patched.rollout)}.`,
      );
    });
}
