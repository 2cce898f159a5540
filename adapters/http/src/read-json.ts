import { InvalidRequestError } from "@hotpatch/core";
import type { Context } from "hono";

/** A JSON object body; an empty body counts as `{}` only where `allowEmpty` says so. */
export async function readJsonObject(c: Context, { allowEmpty = false } = {}): Promise<Record<string, unknown>> {
  const text = await c.req.text();
  if (allowEmpty && text.trim() === "") return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new InvalidRequestError("the request body is not valid JSON", "body");
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
    throw new InvalidRequestError("the request body must be a JSON object", "body");
  }
  return parsed as Record<string, unknown>;
}
