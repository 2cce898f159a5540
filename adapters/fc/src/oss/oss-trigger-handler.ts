import type { CoreEvent, EventDecoder, IngestOutcome, Logger } from "@hotpatch/core";
import type { FcContext, FcEvent } from "../fc-context.js";
import { perInstance } from "../per-instance.js";
import type { FcHandlerOptions } from "../http/http-handler.js";

export interface FcIngestInstance {
  ingest: { handle(event: CoreEvent): Promise<IngestOutcome> };
  /** Turns the trigger payload into core events (the Alibaba provider's OssTriggerDecoder). */
  decoder: EventDecoder<FcEvent>;
  logger: Logger;
  /** Awaited before returning, like FcHttpInstance.afterInvoke (diff builds start after an ingest). */
  afterInvoke?: () => Promise<void>;
}

/** One line per object in the function's result (and log); FC discards the result of async invocations. */
export type IngestResult =
  | { key: string; status: "released" | "duplicate"; label: string }
  | { key: string; status: "ignored"; reason: string }
  | { key: string; status: "rejected"; code: string; reason: string };

/**
 * The OSS-trigger entry point: runs the upload use case for each object created under `src/`. Input the
 * uploader must fix is logged and reported, not thrown (a retry cannot fix it); storage failures throw,
 * so FC's asynchronous invocation retries them. Duplicate deliveries of one object create nothing.
 */
export function createFcOssTriggerHandler(compose: (context: FcContext) => FcIngestInstance | Promise<FcIngestInstance>, options: FcHandlerOptions = {}) {
  const instance = perInstance(compose);
  return async (event: FcEvent, context: FcContext): Promise<{ results: IngestResult[] }> => {
    options.onInvoke?.(context);
    const { ingest, decoder, logger, afterInvoke } = await instance(context);
    const log = logger.child({ requestId: context.requestId });
    const results: IngestResult[] = [];
    for (const created of decoder.decode(event)) {
      const outcome = await ingest.handle(created);
      const result: IngestResult =
        outcome.status === "released" || outcome.status === "duplicate"
          ? { key: created.key, status: outcome.status, label: outcome.release.label }
          : outcome.status === "ignored"
            ? { key: created.key, status: "ignored", reason: outcome.reason }
            : { key: created.key, status: "rejected", code: outcome.code, reason: outcome.reason };
      log.info("drop-zone object handled", { event: "ingest", ...result });
      results.push(result);
    }
    await afterInvoke?.();
    return { results };
  };
}
