import { listen, type Fetchable } from "@hotpatch/http";
import type { AppRuntime } from "../app/app-runtime.js";
import type { HotpatchApp } from "../app/hotpatch-app.js";
import type { HotpatchConfig } from "../config/hotpatch-config.js";
import { createHotpatchContainer, resolveHotpatch } from "../di/inversify/hotpatch-module.js";
import { APP } from "../di/tokens.js";
import { reachableUrl } from "./reachable-url.js";

export interface NodeServerOptions {
  /** Runtime facts besides the server URL (a logger of your own, say). */
  runtime?: Omit<AppRuntime, "serverUrl" | "platformTrigger">;
  /** How often buffered device reports are written (default 1 s). */
  metricsFlushMs?: number;
  /** How the app is composed; default: the inversify container. Tests pass createApp to compare. */
  compose?: (config: HotpatchConfig, runtime: AppRuntime) => Promise<HotpatchApp>;
}

export interface RunningServer {
  /** Where the server listens. */
  url: string;
  /** Where devices reach it (download URLs of the local provider are built from it). */
  publicUrl: string;
  app: HotpatchApp;
  /** Set when this start created the first access key: shown once, never stored in clear. */
  createdAccessKey: string | undefined;
  settle(): Promise<void>;
  close(): Promise<void>;
}

const inversifyApp = (config: HotpatchConfig, runtime: AppRuntime): Promise<HotpatchApp> => resolveHotpatch(createHotpatchContainer(config, runtime), APP);

/**
 * The Node server for any provider: listens first (port 0 picks a free one, and the local provider's
 * download URLs need the real address), then composes hotpatch from the configuration, makes the
 * configured access key work or creates the first one, and writes device reports every second.
 */
export async function startServer(config: HotpatchConfig, options: NodeServerOptions = {}): Promise<RunningServer> {
  let app: HotpatchApp | undefined;
  const fetchable: Fetchable = { fetch: (request) => (app ? app.http.fetch(request) : new Response("starting", { status: 503 })) };
  const server = await listen(fetchable, { port: config.http.port, host: config.http.host });
  try {
    const reachable = config.http.publicUrl ? { url: config.http.publicUrl, guessed: false } : reachableUrl(server.url, server.port);
    const composed = await (options.compose ?? inversifyApp)(config, { ...options.runtime, serverUrl: reachable.url });
    app = composed;
    if (reachable.guessed) composed.logger.warn("listening on all interfaces without HOTPATCH_PUBLIC_URL; download URLs use this address", { publicUrl: reachable.url });
    const createdAccessKey = await composed.ensureAccessKey({ createIfNone: true });
    // Reports are acknowledged before they are stored: flush often, so a crash loses at most a second.
    const flush = setInterval(() => void composed.hotpatch.metrics.flush(), options.metricsFlushMs ?? 1_000);
    flush.unref();
    return {
      url: server.url,
      publicUrl: reachable.url,
      app: composed,
      createdAccessKey,
      settle: () => composed.settle(),
      close: async () => {
        clearInterval(flush);
        await server.close();
        await composed.settle();
      },
    };
  } catch (error) {
    await server.close();
    throw error;
  }
}
