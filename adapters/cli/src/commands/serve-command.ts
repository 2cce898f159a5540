import type { Command } from "commander";
import { parsePort } from "../parse/options.js";

interface ServeFlags {
  port?: number;
  host?: string;
  dataDir?: string;
  publicUrl?: string;
  config?: string;
}

export function registerServeCommand(program: Command): void {
  program
    .command("serve")
    .description("run a hotpatch server")
    .option("--port <port>", "port to listen on", parsePort)
    .option("--host <host>", "interface to listen on")
    .option("--data-dir <dir>", "where releases and state are kept")
    .option("--public-url <url>", "URL devices reach the server at (used in download links)")
    .option("--config <file>", "configuration file (default: $HOTPATCH_CONFIG, else ./hotpatch.config.json if present)")
    .addHelpText("after", "\nEvery setting, and its environment variable: docs/configuration.md\n\nExample:\n  hotpatch serve --port 3000 --data-dir ./data")
    .action(async (flags: ServeFlags) => {
      // Loaded on demand so management commands never load the server and its dependencies.
      const { runServe } = await import("./serve.js");
      await runServe({
        ...(flags.port === undefined ? {} : { port: flags.port }),
        ...(flags.host === undefined ? {} : { host: flags.host }),
        ...(flags.dataDir === undefined ? {} : { dataDir: flags.dataDir }),
        ...(flags.publicUrl === undefined ? {} : { publicUrl: flags.publicUrl }),
        ...(flags.config === undefined ? {} : { config: flags.config }),
      });
    });
}
