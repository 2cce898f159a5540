import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";

export interface RecordedRequest {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

export interface FakeReply {
  status: number;
  /** An object is sent as JSON, a string as plain text. */
  body?: unknown;
}

export type FakeHandler = (request: RecordedRequest) => FakeReply;

/**
 * A stand-in management server on 127.0.0.1: records every request and answers with `handler`, so a
 * test can check what the CLI sent and how it prints each kind of answer.
 */
export class FakeManagementServer {
  readonly requests: RecordedRequest[] = [];
  handler: FakeHandler = () => ({ status: 404, body: "no route in this test" });
  private server: Server | undefined;

  get url(): string {
    const address = this.server?.address() as AddressInfo | null | undefined;
    if (!address) throw new Error("fake server not started");
    return `http://127.0.0.1:${address.port}`;
  }

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (chunk: Buffer) => chunks.push(chunk));
      req.on("end", () => {
        const recorded: RecordedRequest = {
          method: req.method ?? "",
          url: req.url ?? "",
          headers: req.headers,
          body: Buffer.concat(chunks),
        };
        this.requests.push(recorded);
        const reply = this.handler(recorded);
        if (reply.body === undefined) {
          res.writeHead(reply.status).end();
        } else if (typeof reply.body === "string") {
          res.writeHead(reply.status, { "Content-Type": "text/plain; charset=utf-8" }).end(reply.body);
        } else {
          res.writeHead(reply.status, { "Content-Type": "application/json" }).end(JSON.stringify(reply.body));
        }
      });
    });
    await new Promise<void>((resolve) => this.server?.listen(0, "127.0.0.1", resolve));
  }

  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
  }

  reset(handler: FakeHandler): void {
    this.requests.length = 0;
    this.handler = handler;
  }
}

/** Decodes a recorded multipart body with the platform's own parser. */
export async function parseMultipart(request: RecordedRequest): Promise<FormData> {
  return new Request("http://127.0.0.1/", {
    method: "POST",
    headers: { "content-type": String(request.headers["content-type"]) },
    body: new Uint8Array(request.body),
  }).formData();
}
