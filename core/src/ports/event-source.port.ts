/** Raised when an object lands in the store (OSS trigger, S3 notification, local put). */
export interface ObjectCreatedEvent {
  type: "ObjectCreated";
  key: string;
  size: number;
  etag: string;
}

export type CoreEvent = ObjectCreatedEvent;

export type EventHandler = (event: CoreEvent) => Promise<void>;

/**
 * Delivers core events to subscribers. Locally an in-process emitter fed by the store; in the clouds a
 * decoder of the platform's trigger payload feeding the same handlers.
 */
export interface EventSource {
  subscribe(handler: EventHandler): () => void;
}

/** Turns one raw platform trigger payload into core events (cloud providers implement this). */
export interface EventDecoder<Raw> {
  decode(raw: Raw): CoreEvent[];
}
