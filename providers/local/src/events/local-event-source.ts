import type { CoreEvent, EventHandler, EventSource, Logger } from "@hotpatch/core";
import { serialiseError } from "../logger/log-entry.js";

export type HandlerErrorReporter = (error: unknown, event: CoreEvent) => void;

export interface LocalEventSourceOptions {
  /** Told about every handler that throws or rejects. Default: `logger.error`, or stderr without a logger. */
  onHandlerError?: HandlerErrorReporter;
  logger?: Logger;
}

/**
 * An in-process emitter standing in for an OSS trigger or an S3 notification: `emit` returns at once and
 * each subscriber is called later (after the current I/O turn), isolated from the others and from the
 * emitter. `idle()` resolves when every delivery — including those caused by handlers — has finished.
 */
export class LocalEventSource implements EventSource {
  readonly #handlers = new Set<{ handler: EventHandler }>();
  readonly #pending = new Set<Promise<void>>();
  readonly #report: HandlerErrorReporter;

  constructor(options: LocalEventSourceOptions = {}) {
    const { logger } = options;
    this.#report =
      options.onHandlerError ??
      ((error, event) => {
        const fields = { error: error instanceof Error ? serialiseError(error) : String(error), key: event.key, event: event.type };
        if (logger) logger.error("event handler failed", fields);
        else process.stderr.write(`${JSON.stringify({ level: "error", msg: "event handler failed", ...fields })}\n`);
      });
  }

  subscribe(handler: EventHandler): () => void {
    // A wrapper per subscription, so the same function subscribed twice is two subscriptions.
    const subscription = { handler };
    this.#handlers.add(subscription);
    return () => {
      this.#handlers.delete(subscription);
    };
  }

  /** Schedules delivery of `event` to the current subscribers; never throws. */
  emit(event: CoreEvent): void {
    for (const subscription of this.#handlers) {
      const delivery = nextTurn()
        .then(() => (this.#handlers.has(subscription) ? subscription.handler(event) : undefined))
        .catch((error: unknown) => this.#reportSafely(error, event))
        .finally(() => this.#pending.delete(delivery));
      this.#pending.add(delivery);
    }
  }

  /** Resolves once no delivery is pending (handlers that emit more events are waited for too). */
  async idle(): Promise<void> {
    while (this.#pending.size > 0) {
      await Promise.allSettled([...this.#pending]);
    }
  }

  get subscriberCount(): number {
    return this.#handlers.size;
  }

  #reportSafely(error: unknown, event: CoreEvent): void {
    try {
      this.#report(error, event);
    } catch {
      // A failing reporter must not turn into an unhandled rejection.
    }
  }
}

function nextTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
