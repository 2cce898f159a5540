import type { Fetchable } from "@hotpatch/http";
import { Hono } from "hono";
import type { ReleaseDesk } from "./release-desk.js";

/** Where hotpatch's HTTP API is mounted in the team's app (HOTPATCH_BASE_PATH says the same to hotpatch). */
export const OTA_PATH = "/ota";

/**
 * The team's HTTP app: its own routes, plus hotpatch's API under /ota — device update checks and
 * reports, the management API that the `hotpatch` and `code-push-standalone` CLIs call, downloads.
 */
export function teamRoutes(desk: ReleaseDesk, hotpatch: Fetchable): Hono {
  const app = new Hono();
  app.get("/hello", (c) => c.text("the team's own route"));
  app.post("/qa/:app/approve/:label", async (c) => c.json({ production: await desk.approve(c.req.param("app"), c.req.param("label")) }));
  // hotpatch serves its routes under the same base path, so the request is passed on unchanged.
  app.all(`${OTA_PATH}/*`, (c) => hotpatch.fetch(c.req.raw));
  return app;
}
