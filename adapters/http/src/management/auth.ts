import type { AccessKey, Hotpatch } from "@hotpatch/core";
import { createMiddleware } from "hono/factory";

export type AuthEnv = { Variables: { accessKey: AccessKey } };

/** `Authorization: Bearer <access key>` on every management route (codepush.md §3.1). */
export function requireAccessKey(hotpatch: Hotpatch) {
  return createMiddleware<AuthEnv>(async (c, next) => {
    const header = c.req.header("authorization") ?? "";
    const match = /^Bearer\s+(.+)$/i.exec(header.trim());
    c.set("accessKey", await hotpatch.accessKeys.authenticate(match?.[1]?.trim()));
    await next();
  });
}
