import { ConfigurationError, describeConfig, resolveConfiguration } from "@hotpatch/container";
import type { Command } from "commander";
import { CliError } from "../errors.js";
import { formatTable } from "../output/table.js";
import type { CommandContext } from "./context.js";

/**
 * Resolves the configuration exactly as the server will (same sources, same precedence) and prints
 * every key with its value and where the value came from. Secrets are masked before anything is
 * formatted, so neither the table nor `--json` can show one.
 */
export async function runConfigCheck(ctx: CommandContext, command: Command, file: string | undefined): Promise<void> {
  const reporter = ctx.reporter(command);
  let resolved;
  try {
    resolved = resolveConfiguration({ env: ctx.io.env, searchCwd: true, ...(file ? { file } : {}) });
  } catch (error) {
    if (!(error instanceof ConfigurationError)) throw error;
    for (const issue of error.issues) ctx.io.stderr.write(`  - ${issue.message}\n`);
    throw new CliError(`the configuration has ${error.issues.length} problem${error.issues.length === 1 ? "" : "s"} (listed above); see docs/configuration.md`);
  }
  const rows = describeConfig(resolved.config, resolved.origins).filter((row) => row.value !== undefined);
  reporter.result({ valid: true, file: resolved.file ?? null, settings: rows }, () =>
    [
      `The configuration is valid${resolved.file ? ` (file: ${resolved.file})` : ""}. Provider: ${resolved.config.provider}.`,
      "",
      formatTable(
        ["Key", "Variable", "Value", "From"],
        rows.map((row) => [row.key, row.variable, String(row.value), row.origin ?? ""]),
      ),
    ].join("\n"),
  );
}
