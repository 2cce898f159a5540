import type { Hotpatch, Logger, ObjectStore } from "@hotpatch/core";

/** One FC instance's hotpatch: composed once, shared by every invocation the instance serves. */
export interface Composition {
  hotpatch: Hotpatch;
  store: ObjectStore;
  logger: Logger;
  /** Finishes what the last request started (diff builds, metric deltas) before FC may freeze the instance. */
  afterInvoke(): Promise<void>;
}
