import type { Command } from "commander";
import type { PackageInfoUpdate } from "../client/types.js";
import { CliError } from "../errors.js";
import { formatRollout } from "../output/format.js";
import { assertTargetRange, parseLabel, parseRollout } from "../parse/options.js";
import type { CommandContext } from "./context.js";

interface PromoteOptions {
  label?: string;
  description?: string;
  mandatory?: boolean;
  disabled?: boolean;
  rollout?: number;
  targetBinaryVersion?: string;
  duplicateReleaseError: boolean;
}

export function registerPromoteCommand(program: Command, ctx: CommandContext): void {
  program
    .command("promote")
    .description("release what one deployment has (its latest release, or --label) to another")
    .argument("<app>", "app name")
    .argument("<sourceDeployment>", "deployment to copy from, e.g. Staging")
    .argument("<destDeployment>", "deployment to release to, e.g. Production")
    .option("-l, --label <label>", "promote this release instead of the latest, e.g. v4", parseLabel)
    .option("--description <text>", "release notes (default: the source's)")
    .option("-m, --mandatory", "make it mandatory (default: as the source)")
    .option("--no-mandatory", "make it optional (default: as the source)")
    .option("-x, --disabled", "release it disabled (default: as the source)")
    .option("--no-disabled", "release it enabled (default: as the source)")
    .option("-r, --rollout <percent>", "share of devices that get it, 1–100 (default: 100)", parseRollout)
    .option("-t, --target-binary-version <range>", "app versions that get it (default: the source's)")
    .option("--no-duplicate-release-error", "when the server refuses the promotion as a conflict (409), warn and exit 0")
    .addHelpText("after", "\nExample:\n  hotpatch promote MyApp-iOS Staging Production -r 20")
    .action(async (app: string, source: string, destination: string, options: PromoteOptions, command: Command) => {
      const packageInfo: PackageInfoUpdate = {
        label: options.label,
        appVersion:
          options.targetBinaryVersion === undefined ? undefined : assertTargetRange(options.targetBinaryVersion),
        description: options.description,
        isMandatory: options.mandatory,
        isDisabled: options.disabled,
        rollout: options.rollout,
      };
      const reporter = ctx.reporter(command);
      const client = await ctx.client(command);
      try {
        const promoted = await client.promote(app, source, destination, packageInfo);
        reporter.result({ released: true, package: promoted }, () =>
          `Promoted ${promoted.originalLabel ?? "the latest release"} of "${source}" to "${destination}" of "${app}" ` +
          `as ${promoted.label} (app version ${promoted.appVersion}, rollout ${formatRollout(promoted.rollout)}).`,
        );
      } catch (error) {
        if (!options.duplicateReleaseError && error instanceof CliError && error.status === 409) {
          reporter.warn(`promotion skipped: ${error.message}`);
          reporter.result({ released: false, warning: error.message }, () => "Nothing promoted.");
          return;
        }
        throw error;
      }
    });
}
