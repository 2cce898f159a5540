import { HotpatchError, type CoreEvent, type EventHandler, type EventSource } from "@hotpatch/core";
import { S3EventDecoder } from "./s3-event-decoder.js";

/** One or more subscribers failed on a notification; thrown after every subscriber ran. */
export class EventHandlingError extends HotpatchError {
  readonly failures: ReadonlyArray<{ event: CoreEvent; error: unknown }>;
  constructor(failures: ReadonlyArray<{ event: CoreEvent; error: unknown }>) {
    const first = failures[0];
    super("internal", `${failures.length} event handler call(s) failed, first for "${first?.event.key}"`, { cause: first?.error });
    this.name = "EventHandlingError";
    this.failures = failures;
  }
}

/**
 * The EventSource of the S3 trigger: the Lambda handler passes each notification to `dispatch`, which
 * decodes it and runs every subscriber for every event. Subscribers are isolated from one another; if any
 * failed, `dispatch` rejects afterwards, so that Lambda retries the (at-least-once) delivery.
 */
export class S3NotificationEventSource implements EventSource {
  readonly #decoder: S3EventDecoder;
  readonly #subscriptions = new Set<{ handler: EventHandler }>();

  constructor(decoder: S3EventDecoder = new S3EventDecoder()) {
    this.#decoder = decoder;
  }

  subscribe(handler: EventHandler): () => void {
    const subscription = { handler };
    this.#subscriptions.add(subscription);
    return () => {
      this.#subscriptions.delete(subscription);
    };
  }

  /** Delivers the notification's events one after another; resolves to the number of events. */
  async dispatch(notification: unknown): Promise<number> {
    const events = this.#decoder.decode(notification);
    const failures: Array<{ event: CoreEvent; error: unknown }> = [];
    for (const event of events) {
      const results = await Promise.allSettled([...this.#subscriptions].map(({ handler }) => Promise.resolve().then(() => handler(event))));
      for (const result of results) if (result.status === "rejected") failures.push({ event, error: result.reason });
    }
    if (failures.length > 0) throw new EventHandlingError(failures);
    return events.length;
  }
}
