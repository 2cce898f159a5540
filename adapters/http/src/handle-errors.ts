import { ERROR_STATUS, isHotpatchError, type Logger } from "@hotpatch/core";
import { randomUUID } from "node:crypto";

import type { Context } from "hono";
import { HTTPException } from "hono/http-exception";

/**
 * Errors become short plain-text bodies (CodePush clients print them, never parse them). 4xx messages
 * are written for whoever must fix the input; 5xx details go to the log only, under a request id.
 */
export function errorResponse(error: unknown, c: Context, logger: Logger): Response {
  if (isHotpatchError(error)) {
    const status = ERROR_STATUS[error.code];
    if (status === 500 || status === 503) return serverError(error, c, logger, status);
    return c.text(error.message, status);
  }
  if (error instanceof HTTPException) {
    return c.text(error.message || "request rejected", error.status);
  }
  return serverError(error, c, logger, 500);
}

function serverError(error: unknown, c: Context, logger: Logger, status: 500 | 503): Response {
  const requestId = randomUUID();
  logger.error("request failed", { requestId, method: c.req.method, path: c.req.path, error });
  const what = status === 503 ? "storage is unavailable, retry later" : "internal error";
  return c.text(`${what} (request id ${requestId})`, status);
}
