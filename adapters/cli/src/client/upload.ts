import { openAsBlob } from "node:fs";
import { CliError } from "../errors.js";

/** The file sent as the multipart field `package`. */
export interface UploadFile {
  readonly path: string;
  /** File name announced in the multipart part. */
  readonly name: string;
}

export interface MultipartRequest {
  readonly url: string;
  readonly headers: Record<string, string>;
  readonly file: UploadFile;
  readonly fields: Record<string, string>;
}

/**
 * POSTs `package` + text fields as multipart/form-data, streaming the file from disk.
 *
 * The platform builds the multipart body (`new Response(formData)` yields the stream and the
 * content-type with its boundary), so no hand-written multipart; a counting TransformStream between
 * that body and `fetch` reports progress.
 */
export async function postMultipart(
  request: MultipartRequest,
  fetchImpl: typeof fetch,
  onProgress?: (sentBytes: number) => void,
): Promise<Response> {
  const form = new FormData();
  for (const [name, value] of Object.entries(request.fields)) form.append(name, value);
  // A file-backed Blob: read lazily while uploading, never held in memory as a whole.
  form.append("package", await openFile(request.file.path), request.file.name);

  const encoded = new Response(form);
  const contentType = encoded.headers.get("content-type");
  if (encoded.body === null || contentType === null) throw new Error("could not encode the upload");

  let sent = 0;
  const counter = new TransformStream<Uint8Array, Uint8Array>({
    transform(chunk, controller) {
      sent += chunk.byteLength;
      onProgress?.(sent);
      controller.enqueue(chunk);
    },
  });

  // `duplex: "half"` is required by fetch for a streamed request body; DOM typings do not know it yet.
  const init: RequestInit & { duplex: "half" } = {
    method: "POST",
    headers: { ...request.headers, "Content-Type": contentType },
    body: encoded.body.pipeThrough(counter),
    duplex: "half",
  };
  return fetchImpl(request.url, init);
}

async function openFile(path: string): Promise<Blob> {
  try {
    return await openAsBlob(path);
  } catch (error) {
    throw new CliError(`cannot read ${path}: ${error instanceof Error ? error.message : String(error)}`, {
      cause: error,
    });
  }
}
