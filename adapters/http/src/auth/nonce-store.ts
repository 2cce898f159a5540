/**
 * Remembers nonces until they can no longer be replayed (their timestamp has left the accepted window).
 * `claim` is true for a nonce not seen before; it must be atomic per nonce.
 */
export interface NonceStore {
  claim(nonce: string, expiresAtMs: number): boolean | Promise<boolean>;
}

export interface MemoryNonceStoreOptions {
  /** Bound on remembered nonces; past it the oldest are forgotten first (default 1,000,000). */
  maxEntries?: number;
  now?: () => number;
}

/**
 * Per-process nonce memory: exact for a single server. Several instances (FC, a cluster) each remember
 * only their own requests, so behind more than one instance plug in a shared store, or let API Gateway
 * itself verify signatures.
 */
export class MemoryNonceStore implements NonceStore {
  readonly #seen = new Map<string, number>();
  readonly #maxEntries: number;
  readonly #now: () => number;
  #nextPrune = 0;

  constructor(options: MemoryNonceStoreOptions = {}) {
    this.#maxEntries = options.maxEntries ?? 1_000_000;
    this.#now = options.now ?? Date.now;
  }

  claim(nonce: string, expiresAtMs: number): boolean {
    const now = this.#now();
    const known = this.#seen.get(nonce);
    if (known !== undefined && known > now) return false;
    if (now >= this.#nextPrune) this.#prune(now);
    this.#seen.delete(nonce);
    this.#seen.set(nonce, expiresAtMs);
    while (this.#seen.size > this.#maxEntries) {
      const oldest = this.#seen.keys().next().value as string;
      this.#seen.delete(oldest);
    }
    return true;
  }

  get size(): number {
    return this.#seen.size;
  }

  #prune(now: number): void {
    for (const [nonce, expiresAt] of this.#seen) if (expiresAt <= now) this.#seen.delete(nonce);
    this.#nextPrune = now + 60_000;
  }
}
