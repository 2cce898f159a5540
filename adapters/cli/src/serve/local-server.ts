import { loadConfig, startServer, type ConfigInput } from "@hotpatch/container";
import type { Hotpatch, Logger, ObjectStore } from "@hotpatch/core";

export interface LocalServerOptions {
  port?: number;
  host?: string;
  /** Filesystem store root; `":memory:"` keeps everything in memory (tests, benchmarks). */
  dataDir?: string;
  /** The URL devices reach this server at (download URLs are built from it); default: the listen URL. */
  publicUrl?: string;
  /** An access key to accept (created on first start when absent). */
  accessKey?: string;
  /** Sign download URLs with this secret (they then expire). */
  signingSecret?: string;
  logger?: Logger;
  cacheMaxAgeMs?: number;
  metricsFlushMs?: number;
  maxPackageBytes?: number;
}

export interface LocalServer {
  url: string;
  publicUrl: string;
  hotpatch: Hotpatch;
  store: ObjectStore;
  /** Set when this start created the key: shown once, never stored. */
  createdAccessKey: string | undefined;
  /** Waits for queued drop-zone ingests and diff builds, and flushes metrics. */
  settle(): Promise<void>;
  close(): Promise<void>;
}

/**
 * The one-process server on the local provider, configured by options instead of the environment
 * (tests, benchmarks, embedding). It is @hotpatch/container's Node server: the same composition that
 * `hotpatch serve` and `npm start` run.
 */
export async function startLocalServer(options: LocalServerOptions = {}): Promise<LocalServer> {
  const overrides: ConfigInput = {
    provider: "local",
    storage: { dataDir: options.dataDir ?? ".hotpatch" },
    http: { port: options.port ?? 3000, host: options.host ?? "127.0.0.1", ...(options.publicUrl ? { publicUrl: options.publicUrl } : {}) },
    ...(options.accessKey ? { auth: { accessKey: options.accessKey } } : {}),
    ...(options.signingSecret ? { downloads: { signingSecret: options.signingSecret } } : {}),
    ...(options.cacheMaxAgeMs !== undefined ? { cacheMaxAgeMs: options.cacheMaxAgeMs } : {}),
    ...(options.maxPackageBytes !== undefined ? { limits: { maxPackageBytes: options.maxPackageBytes } } : {}),
  };
  // Only the options count: an empty environment and no file, so nothing around the caller leaks in.
  const config = loadConfig({ env: {}, file: false, overrides });
  const server = await startServer(config, {
    ...(options.logger ? { runtime: { logger: options.logger } } : {}),
    ...(options.metricsFlushMs !== undefined ? { metricsFlushMs: options.metricsFlushMs } : {}),
  });
  return {
    url: server.url,
    publicUrl: server.publicUrl,
    hotpatch: server.app.hotpatch,
    store: server.app.store,
    createdAccessKey: server.createdAccessKey,
    settle: server.settle,
    close: server.close,
  };
}
