import { InvalidRequestError } from "@hotpatch/core";
import { ConsoleJsonLogger } from "@hotpatch/provider-local";
import { startLocalServer } from "../serve/local-server.js";

export interface ServeOptions {
  port?: number;
  host?: string;
  dataDir?: string;
  publicUrl?: string;
}

/**
 * `hotpatch serve` (what `npm start` runs): the filesystem provider under `./.hotpatch` by default.
 * Flags win over environment variables (HOTPATCH_PORT, HOTPATCH_HOST, HOTPATCH_DATA_DIR,
 * HOTPATCH_PUBLIC_URL, HOTPATCH_ACCESS_KEY, HOTPATCH_LOG_LEVEL).
 */
export async function runServe(options: ServeOptions): Promise<void> {
  const env = process.env;
  const level = env.HOTPATCH_LOG_LEVEL ?? "info";
  if (!["debug", "info", "warn", "error"].includes(level)) {
    throw new InvalidRequestError(`HOTPATCH_LOG_LEVEL must be debug, info, warn or error (got "${level}")`);
  }
  const port = options.port ?? (env.HOTPATCH_PORT ? parsePort(env.HOTPATCH_PORT) : 3000);
  const logger = new ConsoleJsonLogger({ level: level as "debug" | "info" | "warn" | "error" });
  const server = await startLocalServer({
    port,
    host: options.host ?? env.HOTPATCH_HOST ?? "127.0.0.1",
    dataDir: options.dataDir ?? env.HOTPATCH_DATA_DIR ?? ".hotpatch",
    ...((options.publicUrl ?? env.HOTPATCH_PUBLIC_URL) ? { publicUrl: options.publicUrl ?? env.HOTPATCH_PUBLIC_URL } : {}),
    ...(env.HOTPATCH_ACCESS_KEY ? { accessKey: env.HOTPATCH_ACCESS_KEY } : {}),
    logger,
  });
  const out = process.stdout;
  out.write(`\nhotpatch is running at ${server.url}\n`);
  if (server.publicUrl !== server.url) out.write(`devices download from ${server.publicUrl}\n`);
  const dataDir = options.dataDir ?? env.HOTPATCH_DATA_DIR ?? ".hotpatch";
  out.write(dataDir === ":memory:" ? "data: in memory (lost when the server stops)\n" : `data: ${dataDir} (filesystem provider)\n`);
  if (server.createdAccessKey) {
    out.write(`\nAccess key (shown once, keep it secret):\n\n    ${server.createdAccessKey}\n\n`);
    out.write(`Log in with:  npm run -s hotpatch -- login ${server.url} --access-key <the key above>\n\n`);
  }
  const stop = async () => {
    await server.close();
    process.exit(0);
  };
  process.once("SIGINT", () => void stop());
  process.once("SIGTERM", () => void stop());
}

function parsePort(value: string): number {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new InvalidRequestError(`HOTPATCH_PORT must be a port number (got "${value}")`);
  return port;
}
