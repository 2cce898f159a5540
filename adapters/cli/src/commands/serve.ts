import { loadConfig, startServer, startupBanner, type ConfigInput } from "@hotpatch/container";

export interface ServeOptions {
  port?: number;
  host?: string;
  dataDir?: string;
  publicUrl?: string;
  /** A configuration file (else $HOTPATCH_CONFIG, else ./hotpatch.config.json if present). */
  config?: string;
}

/**
 * `hotpatch serve`: the Node server, composed by @hotpatch/container from configuration — the
 * filesystem provider under ./.hotpatch unless configured otherwise (docs/configuration.md). Flags
 * win over environment variables, which win over the configuration file.
 */
export async function runServe(options: ServeOptions): Promise<void> {
  const overrides: ConfigInput = {
    ...(options.dataDir !== undefined ? { storage: { dataDir: options.dataDir } } : {}),
    http: {
      ...(options.port !== undefined ? { port: options.port } : {}),
      ...(options.host !== undefined ? { host: options.host } : {}),
      ...(options.publicUrl !== undefined ? { publicUrl: options.publicUrl } : {}),
    },
  };
  const config = loadConfig({ env: process.env, searchCwd: true, overrides, ...(options.config ? { file: options.config } : {}) });
  const server = await startServer(config);
  process.stdout.write(startupBanner(server));
  const stop = async () => {
    await server.close();
    process.exit(0);
  };
  process.once("SIGINT", () => void stop());
  process.once("SIGTERM", () => void stop());
}
