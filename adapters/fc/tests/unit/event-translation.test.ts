import { readFileSync } from "node:fs";
import { InvalidRequestError } from "@hotpatch/core";
import { UnrecognisedEventError, createFcHttpHandler, fcEventToRequest, responseToResult } from "@hotpatch/fc";
import { fakeFcContext } from "@hotpatch/fc/testing";
import { Hono } from "hono";
import { describe, expect, it } from "vitest";

const fixture = (name: string): Buffer => readFileSync(new URL(`../fixtures/${name}`, import.meta.url));

describe("FC events → Request", () => {
  it("reads the documented FC 3.0 HTTP-trigger event (Buffer, Canonical-Case headers, comma-joined values)", () => {
    const request = fcEventToRequest(fixture("fc3-http.documented.json"));
    expect(request.method).toBe("GET");
    const url = new URL(request.url);
    expect(url.host).toBe("fc.invalid"); // the sample's domainName is a placeholder, not a host
    expect(url.pathname).toBe("/example");
    expect(url.searchParams.get("parameter2")).toBe("value1,value2");
    expect(request.headers.get("x-custom")).toBe("v1,v2");
    expect(request.headers.get("content-type")).toBe("application/json");
    expect(request.body).toBeNull(); // a GET carries no body, whatever the event says
  });

  it("reads the documented API Gateway event and its plain body", async () => {
    const request = fcEventToRequest(fixture("api-gateway.documented.json"));
    expect(request.method).toBe("POST");
    expect(new URL(request.url).pathname).toBe("/api/request/path");
    expect(await request.text()).toBe("string of request payload");
  });

  it("decodes a base64 body when isBase64Encoded is set", async () => {
    const request = fcEventToRequest(fixture("api-gateway.report-deploy.json"));
    expect(JSON.parse(await request.text())).toMatchObject({ app_version: "1.0.0" });
    expect(request.headers.get("x-codepush-sdk-version")).toBe("4.2.3");
    expect(new URL(request.url).host).toBe("ota.example.com");
  });

  it("accepts an already parsed event or a string, and keeps an encoded rawPath encoded", () => {
    const event = JSON.parse(fixture("fc3-http.update-check.json").toString("utf8"));
    event.rawPath = "/storage/packages/a%20b";
    expect(new URL(fcEventToRequest(event).url).pathname).toBe("/storage/packages/a%20b");
    expect(fcEventToRequest(JSON.stringify(event)).method).toBe("GET");
  });

  it("refuses an OSS-trigger event, an AWS event and non-JSON with a 400-class error", () => {
    const aws = { httpMethod: "GET", path: "/", queryStringParameters: null, requestContext: { stage: "prod" } };
    for (const event of [fixture("oss-trigger.documented.json"), aws, Buffer.from("<xml/>")]) {
      let error: unknown;
      try {
        fcEventToRequest(event);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(UnrecognisedEventError);
      expect(error).toBeInstanceOf(InvalidRequestError);
    }
  });
});

describe("Response → FC result struct", () => {
  it("keeps text as UTF-8 and base64-encodes binary bodies", async () => {
    const text = await responseToResult(new Response('{"ok":"ü"}', { headers: { "content-type": "application/json; charset=UTF-8" } }), "GET");
    expect(text).toEqual({ statusCode: 200, headers: { "content-type": "application/json; charset=UTF-8" }, isBase64Encoded: false, body: '{"ok":"ü"}' });
    const bytes = Buffer.from([0x50, 0x4b, 0x03, 0x04, 0xff, 0x00]);
    const binary = await responseToResult(new Response(bytes, { headers: { "content-type": "application/zip", "content-length": "6", connection: "keep-alive" } }), "GET");
    expect(binary.isBase64Encoded).toBe(true);
    expect(Buffer.from(binary.body, "base64").equals(bytes)).toBe(true);
    expect(binary.headers).toEqual({ "content-type": "application/zip" });
  });

  it("sends no body for HEAD and 204", async () => {
    expect(await responseToResult(new Response("ignored", { status: 200, headers: { etag: '"x"' } }), "HEAD")).toEqual({ statusCode: 200, headers: { etag: '"x"', "content-type": "text/plain;charset=UTF-8" }, isBase64Encoded: false, body: "" });
    expect((await responseToResult(new Response(null, { status: 204 }), "POST")).body).toBe("");
  });
});

describe("createFcHttpHandler", () => {
  it("composes once per instance, even for concurrent first invocations, and retries a failed composition", async () => {
    let compositions = 0;
    let fail = true;
    const handler = createFcHttpHandler(async () => {
      compositions++;
      await new Promise((resolve) => setTimeout(resolve, 5));
      if (fail) throw new Error("cold start failed (expected)");
      return { app: { fetch: () => new Response("hi") } };
    });
    const event = fixture("fc3-http.documented.json");
    await expect(handler(event, fakeFcContext())).rejects.toThrow("expected");
    fail = false;
    const results = await Promise.all([handler(event, fakeFcContext()), handler(event, fakeFcContext()), handler(event, fakeFcContext())]);
    expect(results.map((r) => r.body)).toEqual(["hi", "hi", "hi"]);
    expect(compositions).toBe(2);
  });

  it("runs onInvoke with every context and awaits afterInvoke before returning", async () => {
    const seen: string[] = [];
    let settled = false;
    const handler = createFcHttpHandler(
      () => ({
        app: { fetch: () => new Response("ok") },
        afterInvoke: async () => {
          await new Promise((resolve) => setTimeout(resolve, 5));
          settled = true;
        },
      }),
      { onInvoke: (context) => seen.push(context.requestId) },
    );
    await handler(fixture("fc3-http.documented.json"), fakeFcContext({ requestId: "r-1" }));
    expect(settled).toBe(true);
    await handler(fixture("fc3-http.documented.json"), fakeFcContext({ requestId: "r-2" }));
    expect(seen).toEqual(["r-1", "r-2"]);
  });
});

describe("malformed HTTP events", () => {
  it("get a 400 result instead of a function error", async () => {
    const app = new Hono();
    app.get("*", (c) => c.text("ok"));
    const handler = createFcHttpHandler(() => ({ app }));
    const event = { version: "v1", rawPath: "/health", headers: { "X-Device": "caf\u00e9 \u2603" }, queryParameters: {}, requestContext: { http: { method: "GET", path: "/health" } }, body: "", isBase64Encoded: false };
    const result = await handler(Buffer.from(JSON.stringify(event)), fakeFcContext());
    expect(result.statusCode).toBe(400);
    expect(String(result.body)).toContain("could not be read");
  });
});
