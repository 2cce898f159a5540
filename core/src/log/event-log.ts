import { ConcurrencyExhaustedError, StorageError } from "../errors.js";
import type { ObjectStore } from "../ports/object-store.port.js";

export interface Reducer<E, S> {
  initial(): S;
  /** Pure: returns the next state without mutating `state`. */
  apply(state: S, event: E): S;
}

export interface LogView<S> {
  /** Sequence number of the last record applied (0 = empty log). */
  seq: number;
  state: S;
}

export interface EventLogOptions {
  /** Write a snapshot after every this many records (a snapshot is only a read accelerator). */
  snapshotEvery?: number;
  /** How many lost create-if-absent races an append tolerates before giving up. */
  maxAttempts?: number;
  now?: () => number;
}

interface LogRecord<E> {
  seq: number;
  at: number;
  event: E;
}

interface Snapshot<S> {
  seq: number;
  state: S;
}

const SEQ_WIDTH = 12;
const JSON_TYPE = "application/json";

/**
 * An append-only log of immutable, sequence-numbered records, each created with `putIfAbsent`.
 *
 * Why: OSS offers no compare-and-swap on PUT, only create-if-absent. A writer reads the state up to
 * record N, decides on its change against that state, and creates record N+1. Exactly one writer wins
 * that key; losers re-read (now including the winner's record) and decide again, so every accepted
 * change was validated against the complete state before it and nothing is ever lost. The snapshot is
 * a plain put that may lag or even regress; readers always replay the records after it.
 */
export class EventLog<E, S> {
  private cached: (LogView<S> & { loadedAt: number }) | undefined;
  private readonly snapshotEvery: number;
  private readonly maxAttempts: number;
  private readonly now: () => number;
  /** The catch-up in progress, and the one queued to start after it. */
  private current: Promise<LogView<S>> | undefined;
  private next: Promise<LogView<S>> | undefined;

  constructor(
    private readonly store: ObjectStore,
    /** Ends with `/`, e.g. `deployments/<id>/`. */
    private readonly prefix: string,
    private readonly reducer: Reducer<E, S>,
    options: EventLogOptions = {},
  ) {
    this.snapshotEvery = options.snapshotEvery ?? 25;
    this.maxAttempts = options.maxAttempts ?? 200;
    this.now = options.now ?? Date.now;
  }

  /**
   * The current state. A cached view younger than `maxAgeMs` is returned without touching the store;
   * otherwise the records written since the cached view are read and applied.
   *
   * Concurrent readers share catch-ups, but a fresh read (`maxAgeMs` 0) never joins one that started
   * before it was called: that one may have listed the log before a record this caller already saw
   * committed (read-after-write across instances). It waits for the next catch-up instead.
   */
  async read(maxAgeMs = 0): Promise<LogView<S>> {
    const cached = this.cached;
    if (cached && maxAgeMs > 0 && this.now() - cached.loadedAt < maxAgeMs) return cached;
    if (!this.current) return this.startCatchUp();
    if (maxAgeMs > 0) return this.current;
    this.next ??= this.current
      .then(
        () => undefined,
        () => undefined,
      )
      .then(() => {
        this.next = undefined;
        return this.startCatchUp();
      });
    return this.next;
  }

  private startCatchUp(): Promise<LogView<S>> {
    const running = this.catchUp().finally(() => {
      if (this.current === running) this.current = undefined;
    });
    this.current = running;
    return running;
  }

  /** Forget the cached view (the next read replays from the snapshot). */
  invalidate(): void {
    this.cached = undefined;
  }

  /**
   * Append one record decided against the latest state. `decide` may throw a typed error (refusing
   * the change) or return null (nothing to do). It can run several times if other writers race.
   */
  async append(decide: (state: S, seq: number) => E | null): Promise<LogView<S> & { event: E | null }> {
    let view = await this.read();
    for (let attempt = 1; attempt <= this.maxAttempts; attempt++) {
      const event = decide(view.state, view.seq);
      if (event === null) return { ...view, event: null };
      const seq = view.seq + 1;
      const record: LogRecord<E> = { seq, at: this.now(), event };
      const created = await this.store.putIfAbsent(this.recordKey(seq), encode(record), { contentType: JSON_TYPE });
      if (created) {
        const next = { seq, state: this.reducer.apply(view.state, event) };
        this.remember(next);
        if (seq % this.snapshotEvery === 0) await this.writeSnapshot(next);
        return { ...next, event };
      }
      // Lost the race: someone else wrote record `seq`. Re-read and decide again, with a little jitter
      // so that a crowd of writers does not retry in lock-step.
      if (attempt > 3) await sleep(Math.random() * Math.min(50, attempt * 2));
      view = await this.read();
    }
    throw new ConcurrencyExhaustedError(
      `gave up after ${this.maxAttempts} concurrent writes to ${this.prefix}; retry the request`,
    );
  }

  private async catchUp(): Promise<LogView<S>> {
    let view: LogView<S> = this.cached ?? (await this.readSnapshot());
    const startAfter = view.seq > 0 ? this.recordKey(view.seq) : undefined;
    const listed = await this.store.list(`${this.prefix}log/`, startAfter ? { startAfter } : {});
    for (const info of listed) {
      const object = await this.store.get(info.key);
      if (!object) throw new StorageError(`log record ${info.key} was listed but cannot be read`);
      const record = decode<LogRecord<E>>(object.body, info.key);
      if (record.seq !== view.seq + 1) {
        throw new StorageError(`log ${this.prefix} has a gap: expected record ${view.seq + 1}, found ${record.seq}`);
      }
      view = { seq: record.seq, state: this.reducer.apply(view.state, record.event) };
    }
    this.remember(view);
    return view;
  }

  private remember(view: LogView<S>): void {
    if (!this.cached || view.seq >= this.cached.seq) this.cached = { ...view, loadedAt: this.now() };
  }

  private async readSnapshot(): Promise<LogView<S>> {
    const object = await this.store.get(`${this.prefix}snapshot.json`);
    if (!object) return { seq: 0, state: this.reducer.initial() };
    const snapshot = decode<Snapshot<S>>(object.body, `${this.prefix}snapshot.json`);
    return { seq: snapshot.seq, state: snapshot.state };
  }

  private async writeSnapshot(view: LogView<S>): Promise<void> {
    const snapshot: Snapshot<S> = { seq: view.seq, state: view.state };
    await this.store.put(`${this.prefix}snapshot.json`, encode(snapshot), { contentType: JSON_TYPE });
  }

  private recordKey(seq: number): string {
    return `${this.prefix}log/${String(seq).padStart(SEQ_WIDTH, "0")}.json`;
  }
}

function encode(value: unknown): Uint8Array {
  return new TextEncoder().encode(JSON.stringify(value));
}

function decode<T>(body: Uint8Array, key: string): T {
  try {
    return JSON.parse(new TextDecoder().decode(body)) as T;
  } catch (cause) {
    throw new StorageError(`stored document ${key} is not valid JSON`, { cause });
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
