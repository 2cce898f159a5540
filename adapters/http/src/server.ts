import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";

export interface RunningServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

/** Anything with a Fetch-API handler: the Hono app, or a late-bound wrapper around it. */
export interface Fetchable {
  fetch(request: Request): Response | Promise<Response>;
}

/** Runs the HTTP app on Node's HTTP server. */
export function listen(app: Fetchable, { port = 3000, host = "127.0.0.1" }: { port?: number; host?: string } = {}): Promise<RunningServer> {
  return new Promise((resolve, reject) => {
    const server = serve({ fetch: (request: Request) => app.fetch(request), port, hostname: host }, (info: AddressInfo) => {
      const shownHost = host.includes(":") ? `[${host}]` : host;
      resolve({
        url: `http://${shownHost}:${info.port}`,
        port: info.port,
        close: () =>
          new Promise<void>((done, fail) => {
            server.close((error) => (error ? fail(error) : done()));
            // Keep-alive sockets would hold close() open for seconds.
            if ("closeAllConnections" in server) server.closeAllConnections();
          }),
      });
    });
    server.once("error", reject);
  });
}
