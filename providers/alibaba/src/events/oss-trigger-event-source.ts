import type { CoreEvent, EventHandler, EventSource } from "@hotpatch/core";
import { OssTriggerDecoder, type OssTriggerDecoderOptions } from "./oss-trigger-decoder.js";
import type { OssTriggerPayload } from "./oss-trigger-event.js";

export interface DeliveryReport {
  events: CoreEvent[];
  /** Handler failures, one per failing (event, subscriber) pair. */
  failures: unknown[];
}

/**
 * The EventSource port for OSS triggers: whoever receives the platform's payload (the FC adapter, an
 * HTTP notification endpoint, a test emulator) calls `deliver`, and every subscriber gets each decoded
 * event. Subscribers run one after another per event and are isolated from each other; failures are
 * reported, not thrown, so the caller decides whether the platform should retry.
 */
export class OssTriggerEventSource implements EventSource {
  readonly #decoder: OssTriggerDecoder;
  readonly #subscriptions = new Set<{ handler: EventHandler }>();

  constructor(options: OssTriggerDecoderOptions = {}) {
    this.#decoder = new OssTriggerDecoder(options);
  }

  subscribe(handler: EventHandler): () => void {
    const subscription = { handler }; // the same function subscribed twice is two subscriptions
    this.#subscriptions.add(subscription);
    return () => {
      this.#subscriptions.delete(subscription);
    };
  }

  async deliver(payload: OssTriggerPayload): Promise<DeliveryReport> {
    const events = this.#decoder.decode(payload);
    const failures: unknown[] = [];
    for (const event of events) {
      for (const { handler } of [...this.#subscriptions]) {
        try {
          await handler(event);
        } catch (error) {
          failures.push(error);
        }
      }
    }
    return { events, failures };
  }
}
