import type { Command } from "commander";
import type { DeploymentMetrics } from "../client/types.js";
import { formatTable } from "../output/table.js";
import type { CommandContext } from "./context.js";

/** One row of the metrics table; app-version keys (devices on the binary's bundle) only have `active`. */
export interface MetricsRow {
  key: string;
  active: number;
  downloaded: number;
  installed: number;
  failed: number;
  /** Downloaded but neither installed nor failed yet. */
  pending: number;
}

export interface MetricsSummary {
  rows: MetricsRow[];
  totalActive: number;
}

export function summarizeMetrics(metrics: DeploymentMetrics): MetricsSummary {
  const rows = Object.entries(metrics)
    .map(([key, m]) => {
      const downloaded = m.downloaded ?? 0;
      const installed = m.installed ?? 0;
      const failed = m.failed ?? 0;
      return { key, active: m.active ?? 0, downloaded, installed, failed, pending: Math.max(0, downloaded - installed - failed) };
    })
    .sort(byLabelThenVersion);
  return { rows, totalActive: rows.reduce((sum, row) => sum + row.active, 0) };
}

/** Labels newest first (v10 before v9), then binary app versions. */
function byLabelThenVersion(a: MetricsRow, b: MetricsRow): number {
  const la = labelNumber(a.key);
  const lb = labelNumber(b.key);
  if (la !== undefined && lb !== undefined) return lb - la;
  if (la !== undefined) return -1;
  if (lb !== undefined) return 1;
  return a.key.localeCompare(b.key);
}

function labelNumber(key: string): number | undefined {
  return /^v\d+$/.test(key) ? Number(key.slice(1)) : undefined;
}

export function registerMetricsCommand(program: Command, ctx: CommandContext): void {
  program
    .command("metrics")
    .description("show install metrics of a deployment, per release label")
    .argument("<app>", "app name")
    .argument("<deployment>", "deployment name")
    .addHelpText("after", "\nExample:\n  hotpatch metrics MyApp-iOS Production")
    .action(async (app: string, deployment: string, _options: object, command: Command) => {
      const metrics = await (await ctx.client(command)).metrics(app, deployment);
      const summary = summarizeMetrics(metrics);
      ctx.reporter(command).result({ metrics, ...summary }, () => {
        if (summary.rows.length === 0) return `No metrics yet for "${deployment}" of "${app}".`;
        const share = (active: number) =>
          summary.totalActive === 0 ? "0%" : `${Math.round((active / summary.totalActive) * 100)}%`;
        return [
          formatTable(
            ["Label", "Active", "Share", "Downloaded", "Installed", "Failed", "Pending"],
            summary.rows.map((r) => [
              r.key,
              String(r.active),
              share(r.active),
              String(r.downloaded),
              String(r.installed),
              String(r.failed),
              String(r.pending),
            ]),
          ),
          "",
          `Total active: ${summary.totalActive}`,
        ].join("\n");
      });
    });
}
