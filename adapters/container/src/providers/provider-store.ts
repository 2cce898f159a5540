import type { ObjectStore } from "@hotpatch/core";
import type { DownloadVerifier } from "@hotpatch/http";

/** A provider's object store, and what the HTTP app must do for it. */
export interface ProviderStore {
  store: ObjectStore;
  /** The store has no HTTP endpoint of its own: the app serves `/storage/*` from it. */
  serveStorage: boolean;
  /** Checks signed `/storage/*` URLs (the local stores with a signing secret). */
  downloadVerifier?: DownloadVerifier;
}
