import type { Context } from "aws-lambda";
import { Hono } from "hono";
import { describe, expect, it } from "vitest";
import { createHttpHandler } from "../../src/handlers/http-handler.js";
import type { LambdaRuntime } from "../../src/runtime/lambda-runtime.js";

/** A runtime whose app echoes what it received, to see the translated request. */
function echoRuntime(): () => Promise<LambdaRuntime> {
  const app = new Hono();
  app.all("*", (c) => c.json({ host: new URL(c.req.url).host, path: c.req.path }));
  return async () => ({ app, settle: async () => undefined }) as unknown as LambdaRuntime;
}

const context = { awsRequestId: "r", functionName: "f" } as Context;

describe("HTTP events the translation must not misread", () => {
  it("keeps a path that starts with // on the same host", async () => {
    const handler = createHttpHandler(echoRuntime());
    const event = { version: "2.0", rawPath: "//evil.example/updateCheck", rawQueryString: "", headers: { host: "api.example.test" }, requestContext: { http: { method: "GET", path: "//evil.example/updateCheck" }, domainName: "api.example.test", stage: "$default" }, isBase64Encoded: false };
    const result = (await handler(event as never, context)) as { statusCode: number; body: string };
    expect(JSON.parse(result.body)).toEqual({ host: "api.example.test", path: "//evil.example/updateCheck" });
  });

  it("answers 400 for a header value no HTTP stack accepts", async () => {
    const handler = createHttpHandler(echoRuntime());
    const event = { version: "2.0", rawPath: "/health", rawQueryString: "", headers: { host: "a.test", "x-device": "caf\u00e9 \u2603" }, requestContext: { http: { method: "GET", path: "/health" }, domainName: "a.test", stage: "$default" }, isBase64Encoded: false };
    const result = (await handler(event as never, context)) as { statusCode: number; body: string };
    expect(result.statusCode).toBe(400);
  });
});
