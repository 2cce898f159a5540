/**
 * The hotpatch server as one Node process (`npm start` at the repository root runs this file).
 * Everything — provider, bucket, port, keys — comes from configuration: environment variables and an
 * optional ./hotpatch.config.json (docs/configuration.md). Without any, it is the filesystem provider
 * under ./.hotpatch on http://127.0.0.1:3000.
 */
import { ConfigurationError, loadConfig, startServer, startupBanner } from "@hotpatch/container";

try {
  const config = loadConfig({ env: process.env, searchCwd: true });
  const server = await startServer(config);
  process.stdout.write(startupBanner(server));
  const stop = async (): Promise<void> => {
    await server.close();
    process.exit(0);
  };
  process.once("SIGINT", () => void stop());
  process.once("SIGTERM", () => void stop());
} catch (error) {
  // A configuration mistake is the operator's to fix: say which variable, without a stack trace.
  const message = error instanceof ConfigurationError ? error.message : `could not start: ${error instanceof Error ? error.message : String(error)}`;
  process.stderr.write(`hotpatch: ${message}\n`);
  process.exit(1);
}
