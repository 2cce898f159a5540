import type { HotpatchApp } from "@hotpatch/container";
import { createHotpatch, type Hotpatch, type HotpatchOptions, type Logger, type ObjectStore } from "@hotpatch/core";
import { createHttpApp, type HttpAppOptions } from "@hotpatch/http";
import { S3NotificationEventSource } from "@hotpatch/provider-aws";

/** Everything a container needs, composed once and shared by its invocations. */
export interface LambdaRuntime {
  hotpatch: Hotpatch;
  store: ObjectStore;
  logger: Logger;
  /** The one HTTP application (adapters/http). */
  app: { fetch(request: Request): Response | Promise<Response> };
  /** The S3 trigger's event source; its subscriber runs the upload (ingest) use case. */
  events: S3NotificationEventSource;
  /**
   * Background work that must end before an invocation returns — Lambda freezes the container right
   * after, so diff builds and buffered metrics would otherwise wait until some later invocation, or die
   * with the container.
   */
  settle(): Promise<void>;
}

export interface LambdaRuntimeDeps {
  store: ObjectStore;
  logger: Logger;
  hotpatch?: HotpatchOptions;
  http?: Pick<HttpAppOptions, "serveStorage" | "downloadVerifier" | "basePath" | "corsOrigin" | "ownerEmail">;
}

/** The reference composition for Lambda: the same use cases and HTTP app as every other runtime. */
export function createLambdaRuntime({ store, logger, hotpatch: options, http }: LambdaRuntimeDeps): LambdaRuntime {
  const hotpatch = createHotpatch({ store, logger }, options);
  const events = new S3NotificationEventSource();
  events.subscribe(async (event) => {
    await hotpatch.ingest.handle(event);
  });
  const app = createHttpApp({ hotpatch, store, logger, ...http });
  return {
    hotpatch,
    store,
    logger,
    app,
    events,
    async settle() {
      await hotpatch.diffs.idle();
      await hotpatch.metrics.flush();
    },
  };
}

/** The Lambda runtime of an app the container composed: Lambda adds only the S3 notification source. */
export function lambdaRuntimeFromApp(app: HotpatchApp): LambdaRuntime {
  const { hotpatch, store, logger, http, settle } = app;
  const events = new S3NotificationEventSource();
  events.subscribe(async (event) => {
    await hotpatch.ingest.handle(event);
  });
  return { hotpatch, store, logger, app: http, events, settle };
}

/**
 * A lazy singleton: `create` runs on the first invocation of a container and its result is reused. A
 * failed composition is not cached, so the next invocation tries again (and reports the error again).
 */
export function once<T>(create: () => Promise<T>): () => Promise<T> {
  let pending: Promise<T> | undefined;
  return () => {
    pending ??= create().catch((error: unknown) => {
      pending = undefined;
      throw error;
    });
    return pending;
  };
}
