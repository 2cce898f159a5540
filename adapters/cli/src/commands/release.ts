import type { Command } from "commander";
import type { ReleasedPackage, ReleaseInfo } from "../client/types.js";
import { CliError } from "../errors.js";
import { formatBytes, formatRollout } from "../output/format.js";
import { createUploadProgress } from "../output/progress-bar.js";
import type { Reporter } from "../output/reporter.js";
import { assertTargetRange, parseRollout } from "../parse/options.js";
import { preparePackage, type PreparedPackage } from "../release/prepare-package.js";
import type { CommandContext } from "./context.js";

interface ReleaseOptions {
  deployment: string;
  mandatory?: boolean;
  disabled?: boolean;
  rollout?: number;
  description?: string;
  /** `false` with `--no-duplicate-release-error`. */
  duplicateReleaseError: boolean;
}

export function registerReleaseCommand(program: Command, ctx: CommandContext): void {
  program
    .command("release")
    .description("upload a new release (a directory is zipped; a .zip or single file is sent as it is)")
    .argument("<app>", "app name")
    .argument("<path>", "release directory (e.g. the CodePush folder), a ready .zip, or a single file")
    .argument("<targetBinaryRange>", 'app versions that get this release, e.g. 1.2.3, "1.2.x", "^1.2.0"')
    .option("-d, --deployment <name>", "deployment to release to", "Staging")
    .option("-m, --mandatory", "make the update mandatory")
    .option("-x, --disabled", "release it disabled (no device gets it until patched)")
    .option("-r, --rollout <percent>", "share of devices that get it, 1–100", parseRollout)
    .option("--description <text>", "release notes shown to users")
    .option("--no-duplicate-release-error", "when the server refuses the release as a conflict (409), warn and exit 0")
    .addHelpText(
      "after",
      "\nExamples:\n" +
        "  hotpatch release MyApp-iOS ./build/CodePush 1.2.0 -d Production --description 'Fix login'\n" +
        '  hotpatch release MyApp-Android ./bundle.zip "^1.2.0" -r 25',
    )
    .action(async (app: string, input: string, range: string, options: ReleaseOptions, command: Command) => {
      // Everything that can be checked locally is checked before any request or zipping.
      const info: ReleaseInfo = {
        appVersion: assertTargetRange(range),
        description: options.description ?? null,
        isMandatory: options.mandatory === true,
        isDisabled: options.disabled === true,
        rollout: options.rollout ?? 100,
      };
      const reporter = ctx.reporter(command);
      const client = await ctx.client(command);
      const pkg = await preparePackage(input);
      try {
        const progress = reporter.json ? undefined : createUploadProgress(ctx.terminal, pkg.size);
        let released: ReleasedPackage;
        try {
          released = await client.release(app, options.deployment, pkg, info, progress && ((sent) => progress.update(sent)));
        } finally {
          progress?.stop();
        }
        reporter.result({ released: true, package: released }, () => describeRelease(released, app, options.deployment, pkg));
      } catch (error) {
        // Like the CodePush CLI, any 409 counts: the server's text says which conflict it was.
        if (!options.duplicateReleaseError && error instanceof CliError && error.status === 409) {
          reportSkipped(reporter, error.message);
          return;
        }
        throw error;
      } finally {
        await pkg.dispose();
      }
    });
}

function reportSkipped(reporter: Reporter, reason: string): void {
  reporter.warn(`release skipped: ${reason}`);
  reporter.result({ released: false, warning: reason }, () => "Nothing released.");
}

function describeRelease(pkg: ReleasedPackage, app: string, deployment: string, prepared: PreparedPackage): string {
  const content = prepared.zipped ? `zip of ${prepared.fileCount ?? 0} files` : prepared.name;
  return [
    `Released ${pkg.label} to "${deployment}" of "${app}" for app version ${pkg.appVersion}.`,
    `  hash     ${pkg.packageHash}`,
    `  size     ${formatBytes(pkg.size)} (${content})`,
    `  rollout  ${formatRollout(pkg.rollout)}${pkg.isMandatory ? ", mandatory" : ""}${pkg.isDisabled ? ", disabled" : ""}`,
  ].join("\n");
}
