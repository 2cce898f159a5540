import { randomBytes } from "node:crypto";
import { createServer, request as httpRequest, type IncomingMessage, type OutgoingHttpHeaders, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { KeyLocks } from "./key-locks.js";

/** What the proxy did on its own (not forwarded to s3rver), for tests to assert on. */
export interface ProxyCounters {
  preconditionFailed: number;
  conditionalConflicts: number;
}

export interface S3SemanticsProxy {
  endpoint: string;
  counters: ProxyCounters;
  close(): Promise<void>;
}

const HOP_BY_HOP = new Set(["connection", "keep-alive", "transfer-encoding", "proxy-connection", "upgrade"]);

/**
 * A thin proxy in front of s3rver that adds the S3 write semantics s3rver lacks (s3rver writes objects in
 * place and ignores conditional PUT headers):
 *
 * - `If-None-Match: *` on PutObject → 412 `PreconditionFailed` when the key exists; 409
 *   `ConditionalRequestConflict` when another write to the key is in flight (S3's answer to a race).
 * - Writes to one key are serialised and reads take a snapshot (the body is read whole before it is
 *   sent), so a reader sees the old or the new object, never a mix — as on S3.
 * - `If-Match` on PUT is answered 501: it is not emulated, so no test can pass by s3rver ignoring it.
 *
 * Everything else (signatures, XML, listing, metadata, presigned GETs) is s3rver's.
 */
export async function startS3SemanticsProxy(upstreamPort: number): Promise<S3SemanticsProxy> {
  const locks = new KeyLocks();
  const counters: ProxyCounters = { preconditionFailed: 0, conditionalConflicts: 0 };

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) sendError(res, 500, "InternalError", `proxy failure: ${String(error)}`);
      else res.destroy();
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", "http://proxy");
    const segments = url.pathname.split("/").slice(1);
    const isObject = segments.length >= 2 && segments.slice(1).join("/") !== "";
    const method = req.method ?? "GET";
    if (!isObject || url.searchParams.has("uploadId") || url.searchParams.has("uploads")) {
      return forward(req, res, { buffered: false });
    }
    const lockKey = decodeURIComponent(url.pathname);
    if (method === "GET" || method === "HEAD") {
      return locks.run(lockKey, false, () => forward(req, res, { buffered: true }));
    }
    if (method === "PUT" && req.headers["if-match"] !== undefined) {
      await drain(req);
      return sendError(res, 501, "NotImplemented", "If-Match is not emulated by the test server");
    }
    if (method === "PUT" && req.headers["if-none-match"] !== undefined) {
      if (req.headers["if-none-match"] !== "*") {
        await drain(req);
        return sendError(res, 501, "NotImplemented", "only If-None-Match: * is supported on PUT");
      }
      if (locks.writeBusy(lockKey)) {
        counters.conditionalConflicts++;
        await drain(req);
        return sendError(res, 409, "ConditionalRequestConflict", "another write to this key is in progress; retry");
      }
      return locks.run(lockKey, true, async () => {
        if (await exists(url.pathname)) {
          counters.preconditionFailed++;
          await drain(req);
          return sendError(res, 412, "PreconditionFailed", "the key already exists (If-None-Match: *)", "If-None-Match");
        }
        return forward(req, res, { buffered: true });
      });
    }
    if (method === "PUT" || method === "DELETE") {
      return locks.run(lockKey, true, () => forward(req, res, { buffered: true }));
    }
    return forward(req, res, { buffered: false });
  }

  /** Sends the request to s3rver. `buffered`: read the whole answer before replying (a snapshot). */
  function forward(req: IncomingMessage, res: ServerResponse, { buffered }: { buffered: boolean }): Promise<void> {
    return new Promise((resolve, reject) => {
      const upstream = httpRequest(
        { host: "127.0.0.1", port: upstreamPort, method: req.method, path: req.url, headers: req.headers },
        (answer) => {
          const headers = withoutHopByHop(answer.headers);
          if (!buffered) {
            res.writeHead(answer.statusCode ?? 502, headers);
            answer.pipe(res);
            answer.on("end", () => resolve());
            answer.on("error", reject);
            return;
          }
          const chunks: Buffer[] = [];
          answer.on("data", (chunk: Buffer) => chunks.push(chunk));
          answer.on("error", reject);
          answer.on("end", () => {
            const body = Buffer.concat(chunks);
            if (req.method !== "HEAD") headers["content-length"] = String(body.byteLength);
            res.writeHead(answer.statusCode ?? 502, headers);
            res.end(req.method === "HEAD" ? undefined : body);
            resolve();
          });
        },
      );
      upstream.on("error", reject);
      req.pipe(upstream);
    });
  }

  function exists(path: string): Promise<boolean> {
    return new Promise((resolve, reject) => {
      const probe = httpRequest({ host: "127.0.0.1", port: upstreamPort, method: "HEAD", path }, (answer) => {
        answer.resume();
        if (answer.statusCode === 200) resolve(true);
        else if (answer.statusCode === 404) resolve(false);
        else reject(new Error(`existence probe answered ${answer.statusCode}`));
      });
      probe.on("error", reject);
      probe.end();
    });
  }

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    counters,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}

function withoutHopByHop(headers: IncomingMessage["headers"]): OutgoingHttpHeaders {
  const result: OutgoingHttpHeaders = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined && !HOP_BY_HOP.has(name)) result[name] = value;
  }
  return result;
}

function drain(req: IncomingMessage): Promise<void> {
  return new Promise((resolve) => {
    if (req.readableEnded) return resolve();
    req.on("end", () => resolve());
    req.on("error", () => resolve());
    req.resume();
  });
}

function sendError(res: ServerResponse, status: number, code: string, message: string, condition?: string): void {
  const body =
    `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${message}</Message>` +
    `${condition ? `<Condition>${condition}</Condition>` : ""}<RequestId>${randomBytes(8).toString("hex").toUpperCase()}</RequestId></Error>`;
  res.writeHead(status, { "content-type": "application/xml", "content-length": String(Buffer.byteLength(body)) });
  res.end(body);
}
