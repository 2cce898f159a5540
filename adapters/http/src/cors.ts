import { createMiddleware } from "hono/factory";

const ALLOW_HEADERS = "Content-Type,Authorization,X-CodePush-Plugin-Name,X-CodePush-Plugin-Version,X-CodePush-SDK-Version";
const ALLOW_METHODS = "GET,POST,DELETE,PUT,PATCH";

/**
 * CodePush's CORS policy (codepush.md §1.2). Written here rather than taken from `hono/cors` because
 * that middleware touches `c.res` before the handler runs, which allocates a full Response on every
 * request — measurable on the update-check hot path. Headers go through `c.header` instead.
 */
export function codePushCors(origin: string) {
  return createMiddleware(async (c, next) => {
    if (c.req.method === "OPTIONS") {
      return c.body(null, 204, {
        "Access-Control-Allow-Origin": origin,
        "Access-Control-Allow-Methods": ALLOW_METHODS,
        "Access-Control-Allow-Headers": ALLOW_HEADERS,
        "Access-Control-Expose-Headers": "Location",
      });
    }
    c.header("Access-Control-Allow-Origin", origin);
    c.header("Access-Control-Expose-Headers", "Location");
    if (origin !== "*") c.header("Vary", "Origin");
    await next();
  });
}
