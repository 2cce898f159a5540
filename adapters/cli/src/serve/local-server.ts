import { networkInterfaces } from "node:os";
import { join, resolve } from "node:path";
import { createHotpatch, type Hotpatch, type Logger, type ObjectStore } from "@hotpatch/core";
import { createHttpApp, listen, type Fetchable } from "@hotpatch/http";
import {
  ConsoleJsonLogger,
  FileSystemObjectStore,
  LocalEventSource,
  MemoryObjectStore,
  verifyDownloadSignature,
  wrapStoreWithEvents,
} from "@hotpatch/provider-local";

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
 * The one-process server: local store (filesystem by default), the in-process `src/` trigger, the HTTP
 * app and a bootstrap access key.
 */
export async function startLocalServer(options: LocalServerOptions = {}): Promise<LocalServer> {
  const logger = options.logger ?? new ConsoleJsonLogger({ level: "info" });
  let app: Fetchable | undefined;
  const server = await listen(
    { fetch: (request) => (app ? app.fetch(request) : new Response("starting", { status: 503 })) },
    { port: options.port ?? 3000, host: options.host ?? "127.0.0.1" },
  );
  try {
    const publicUrl = (options.publicUrl ?? reachableUrl(server.url, server.port, logger)).replace(/\/+$/, "");
    const storeOptions = { publicBaseUrl: publicUrl, ...(options.signingSecret ? { signingSecret: options.signingSecret } : {}) };
    const dataDir = options.dataDir ?? ".hotpatch";
    const baseStore: ObjectStore =
      dataDir === ":memory:" ? new MemoryObjectStore(storeOptions) : await FileSystemObjectStore.open(join(resolve(dataDir), "store"), storeOptions);
    const events = new LocalEventSource({ onHandlerError: (error) => logger.error("drop-zone ingest failed", { error }) });
    const store = wrapStoreWithEvents(baseStore, events);
    const hotpatch = createHotpatch(
      { store, logger },
      {
        ...(options.cacheMaxAgeMs !== undefined ? { cacheMaxAgeMs: options.cacheMaxAgeMs } : {}),
        ...(options.maxPackageBytes !== undefined ? { limits: { maxPackageBytes: options.maxPackageBytes } } : {}),
      },
    );
    events.subscribe(async (event) => {
      await hotpatch.ingest.handle(event);
    });
    const secret = options.signingSecret;
    app = createHttpApp({
      hotpatch,
      store,
      logger,
      serveStorage: true,
      ...(secret
        ? { downloadVerifier: (key, query) => verifyDownloadSignature(key, query.expires ?? "", query.signature ?? "", secret) }
        : {}),
    });
    const createdAccessKey = await ensureAccessKey(hotpatch, options.accessKey);
    // Reports are acknowledged before they are stored: flush often, so a crash loses at most a second.
    const flush = setInterval(() => void hotpatch.metrics.flush(), options.metricsFlushMs ?? 1_000);
    flush.unref();
    return {
      url: server.url,
      publicUrl,
      hotpatch,
      store,
      createdAccessKey,
      settle: async () => {
        await events.idle();
        await hotpatch.diffs.idle();
        await hotpatch.metrics.flush();
      },
      close: async () => {
        clearInterval(flush);
        await server.close();
        await events.idle();
        await hotpatch.diffs.idle();
        await hotpatch.metrics.flush();
      },
    };
  } catch (error) {
    await server.close();
    throw error;
  }
}

/** The operator's first key must not lock them out after CodePush's 60-day default. */
const ADMIN_KEY_TTL_MS = 10 * 365 * 24 * 3600 * 1000;

/**
 * On first start there is no access key: create one (shown once by the caller). A key given by
 * configuration is authoritative: it is (re)created when missing and renewed when expired, so setting
 * HOTPATCH_ACCESS_KEY and restarting is also the way back in after every key was lost.
 */
async function ensureAccessKey(hotpatch: Hotpatch, configured: string | undefined): Promise<string | undefined> {
  if (configured) {
    const existing = await hotpatch.accessKeys.findBySecret(configured);
    if (!existing) {
      await hotpatch.accessKeys.create({ friendlyName: `configured-${Date.now()}`, createdBy: "HOTPATCH_ACCESS_KEY", secret: configured, ttl: ADMIN_KEY_TTL_MS });
    } else if (existing.expires <= Date.now()) {
      await hotpatch.accessKeys.update(existing.friendlyName, { ttl: ADMIN_KEY_TTL_MS });
    }
    return undefined;
  }
  if ((await hotpatch.accessKeys.count()) > 0) return undefined;
  const { secret } = await hotpatch.accessKeys.create({ friendlyName: "bootstrap", createdBy: "hotpatch serve", ttl: ADMIN_KEY_TTL_MS });
  return secret;
}

/**
 * Devices cannot download from 0.0.0.0 or [::]: when listening on every interface without a public
 * URL, use this machine's first external IPv4 address and say so.
 */
function reachableUrl(listenUrl: string, port: number, logger: Logger): string {
  if (!/\/\/(0\.0\.0\.0|\[::\])[:/]/.test(`${listenUrl}/`)) return listenUrl;
  const address = Object.values(networkInterfaces())
    .flat()
    .find((i) => i && i.family === "IPv4" && !i.internal)?.address;
  const url = `http://${address ?? "127.0.0.1"}:${port}`;
  logger.warn("listening on all interfaces without HOTPATCH_PUBLIC_URL; download URLs use this address", { publicUrl: url });
  return url;
}
