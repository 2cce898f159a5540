import type { Hotpatch, Logger, ObjectStore } from "@hotpatch/core";
import { Hono } from "hono";
import { acquisitionRoutes } from "./acquisition/acquisition-routes.js";
import { apiGatewayAuth, type ApiGatewayAuthOptions } from "./auth/api-gateway-auth.js";
import { codePushCors } from "./cors.js";
import { errorResponse } from "./handle-errors.js";
import { managementRoutes } from "./management/management-routes.js";
import { storageRoutes, type DownloadVerifier } from "./storage/storage-routes.js";

export interface HttpAppOptions {
  hotpatch: Hotpatch;
  store: ObjectStore;
  logger: Logger;
  ownerEmail?: string;
  /** Serve `/storage/*` from the store (only for stores without their own HTTP endpoint). */
  serveStorage?: boolean;
  downloadVerifier?: DownloadVerifier;
  /** Mount everything under this path (CodePush clients append their paths to the server URL). */
  basePath?: string;
  corsOrigin?: string;
  /**
   * Require API Gateway app authentication (HmacSHA256 `X-Ca-*` signatures), as the gateway does in the
   * cloud: on the device routes (default) or on every route. CORS preflights are never signed.
   */
  apiGatewayAuth?: ApiGatewayAuthOptions & { scope?: "device" | "all" };
}

/** The acquisition API's paths (both CodePush families): what devices call. */
const DEVICE_ROUTES = ["/updateCheck/*", "/reportStatus/*", "/v0.1/public/codepush/*", "/hotpatch/v1/*"];

/**
 * The one HTTP application: the Node server, Function Compute and Lambda adapters all only translate
 * their events into a `Request` for `app.fetch` and the `Response` back.
 */
export function createHttpApp(options: HttpAppOptions): Hono {
  const { hotpatch, store, logger } = options;
  // strict: false — code-push-standalone sends some routes with a trailing slash (POST /apps/).
  const root = new Hono({ strict: false });
  const app = options.basePath ? root.basePath(options.basePath) : root;

  app.use("*", codePushCors(options.corsOrigin ?? "*"));
  if (options.apiGatewayAuth) {
    const verify = apiGatewayAuth(options.apiGatewayAuth);
    for (const path of options.apiGatewayAuth.scope === "all" ? ["*"] : DEVICE_ROUTES) app.use(path, verify);
  }
  app.get("/", (c) => c.text("Welcome to hotpatch, a CodePush-compatible update server."));
  app.get("/health", (c) => c.text("Healthy"));
  app.route("/", acquisitionRoutes(hotpatch));
  if (options.serveStorage) app.route("/", storageRoutes(store, options.downloadVerifier));
  app.route("/", managementRoutes(hotpatch, store, { ownerEmail: options.ownerEmail ?? "owner@hotpatch.local" }));

  root.notFound((c) => c.text(`no route for ${c.req.method} ${c.req.path}`, 404));
  root.onError((error, c) => errorResponse(error, c, logger));
  return root;
}
