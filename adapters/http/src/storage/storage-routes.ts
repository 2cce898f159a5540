import { InvalidRequestError, assertValidObjectKey, type ObjectStore } from "@hotpatch/core";
import { Hono, type Context } from "hono";

/** Decides whether a signed download URL is valid (the local provider's signature check). */
/** Immutable package, diff and patch blobs: the only keys devices download. */
const PUBLIC_PREFIXES = ["packages/", "diffs/", "patches/"];

export type DownloadVerifier = (key: string, query: Record<string, string>) => boolean;

/**
 * Serves package blobs for stores that have no HTTP endpoint of their own (memory, filesystem).
 * Android's downloader insists on an exact Content-Length and identity encoding (codepush.md §1.10).
 */
export function storageRoutes(store: ObjectStore, verify?: DownloadVerifier): Hono {
  const app = new Hono({ strict: false });
  const serve = async (c: Context, withBody: boolean) => {
    const key = decodeKey(c.req.path.replace(/^.*?\/storage\//, ""));
    // Only device downloads are public; registry, histories and metrics live in the same store.
    if (!PUBLIC_PREFIXES.some((prefix) => key.startsWith(prefix))) return c.text("no such package", 404);
    if (verify && !verify(key, c.req.query())) return c.text("the download link is invalid or has expired", 403);
    const object = await store.openRead(key);
    if (!object) return c.text("no such package", 404);
    const headers = {
      "Content-Length": String(object.info.size),
      "Content-Type": object.info.contentType ?? "application/octet-stream",
      "Content-Encoding": "identity",
      ETag: object.info.etag,
      // Blobs are content-addressed and never change.
      "Cache-Control": "public, max-age=31536000, immutable",
    };
    if (!withBody) {
      await object.stream.cancel();
      return c.body(null, 200, headers);
    }
    return c.body(object.stream, 200, headers);
  };
  // Hono answers HEAD with the GET route: send headers only, and release the file behind the stream.
  app.get("/storage/*", (c) => serve(c, c.req.method !== "HEAD"));
  return app;
}

function decodeKey(encoded: string): string {
  let key: string;
  try {
    key = encoded.split("/").map(decodeURIComponent).join("/");
  } catch {
    throw new InvalidRequestError("the storage path is not valid percent-encoding", "key");
  }
  assertValidObjectKey(key);
  return key;
}
