/**
 * Per-key reader/writer locks, FIFO. Writers (PUT, DELETE) run one at a time per key; readers share.
 * `busy` tells whether a write holds or waits for the key — the moment S3 answers a second conditional
 * write with 409 ConditionalRequestConflict.
 */
export class KeyLocks {
  readonly #keys = new Map<string, { readers: number; writer: boolean; queue: Array<{ write: boolean; grant: () => void }> }>();

  writeBusy(key: string): boolean {
    const state = this.#keys.get(key);
    return state !== undefined && (state.writer || state.queue.some((waiter) => waiter.write));
  }

  async run<T>(key: string, write: boolean, work: () => Promise<T>): Promise<T> {
    await this.#acquire(key, write);
    try {
      return await work();
    } finally {
      this.#release(key, write);
    }
  }

  #acquire(key: string, write: boolean): Promise<void> {
    let state = this.#keys.get(key);
    if (!state) {
      state = { readers: 0, writer: false, queue: [] };
      this.#keys.set(key, state);
    }
    const free = write ? !state.writer && state.readers === 0 : !state.writer && !state.queue.some((w) => w.write);
    if (free && state.queue.length === 0) {
      if (write) state.writer = true;
      else state.readers++;
      return Promise.resolve();
    }
    return new Promise((resolve) => state.queue.push({ write, grant: resolve }));
  }

  #release(key: string, write: boolean): void {
    const state = this.#keys.get(key);
    if (!state) return;
    if (write) state.writer = false;
    else state.readers--;
    while (state.queue.length > 0) {
      const next = state.queue[0]!;
      if (next.write ? state.writer || state.readers > 0 : state.writer) break;
      state.queue.shift();
      if (next.write) state.writer = true;
      else state.readers++;
      next.grant();
      if (next.write) break;
    }
    if (!state.writer && state.readers === 0 && state.queue.length === 0) this.#keys.delete(key);
  }
}
