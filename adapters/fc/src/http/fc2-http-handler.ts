import type { FcContext } from "../fc-context.js";
import { perInstance } from "../per-instance.js";
import type { FcHandlerOptions, FcHttpInstance } from "./http-handler.js";
import { buildRequest, headerValue, stringRecord } from "./request-parts.js";

/**
 * FC 2.0's HTTP-trigger request (platforms.md §1.3). Newer runtimes put the body in `body`; older ones
 * give none and the request itself is the readable stream.
 */
export interface Fc2HttpRequest {
  method: string;
  path: string;
  headers: Record<string, string | string[]>;
  queries?: Record<string, string | string[]>;
  body?: Buffer;
}

export interface Fc2HttpResponse {
  setStatusCode(code: number): void;
  setHeader(name: string, value: string): void;
  send(body: Buffer | string): void;
}

async function readBody(req: Fc2HttpRequest): Promise<Uint8Array | undefined> {
  if (req.body !== undefined) return req.body;
  const stream = req as Partial<AsyncIterable<Buffer>>;
  if (typeof stream[Symbol.asyncIterator] !== "function") return undefined;
  const chunks: Buffer[] = [];
  for await (const chunk of stream as AsyncIterable<Buffer>) chunks.push(chunk);
  return Buffer.concat(chunks);
}

/** The FC 2.0 `(req, resp, context)` HTTP handler over the same app (FC 3.0 built-in runtimes lack this form). */
export function createFc2HttpHandler(compose: (context: FcContext) => FcHttpInstance | Promise<FcHttpInstance>, options: FcHandlerOptions = {}) {
  const instance = perInstance(compose);
  return async (req: Fc2HttpRequest, resp: Fc2HttpResponse, context: FcContext): Promise<void> => {
    options.onInvoke?.(context);
    const { app, afterInvoke } = await instance(context);
    const headers = stringRecord(req.headers);
    const request = buildRequest({ method: req.method, path: req.path, query: stringRecord(req.queries), headers, host: headerValue(headers, "host") ?? "fc.invalid", body: await readBody(req) });
    const response = await app.fetch(request);
    const body = request.method === "HEAD" ? Buffer.alloc(0) : Buffer.from(await response.arrayBuffer());
    await afterInvoke?.();
    resp.setStatusCode(response.status);
    response.headers.forEach((value, name) => {
      if (!name.startsWith("x-fc-") && name !== "content-length" && name !== "transfer-encoding" && name !== "connection") resp.setHeader(name, value);
    });
    resp.send(body);
  };
}
