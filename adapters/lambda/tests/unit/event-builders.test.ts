import { API_SHAPES, apiBaseUrl, apiGatewayV1Event, apiGatewayV2Event, s3PutNotification } from "@hotpatch/lambda/testing";
import { describe, expect, it } from "vitest";
import v1Get from "../fixtures/api-gateway-v1-update-check.json" with { type: "json" };
import urlPost from "../fixtures/function-url-report-download.json" with { type: "json" };
import v2Get from "../fixtures/http-api-v2-update-check.json" with { type: "json" };
import s3Put from "../fixtures/s3-put.json" with { type: "json" };

/** Key paths and value types of a JSON value, so that two events can be compared by shape. */
function shapeOf(value: unknown, path = ""): string[] {
  if (Array.isArray(value)) return [`${path}:array`];
  if (value === null) return [`${path}:null`];
  if (typeof value !== "object") return [`${path}:${typeof value}`];
  return Object.entries(value as Record<string, unknown>).flatMap(([key, item]) => shapeOf(item, `${path}.${key}`));
}

/** The structural fields (not the header or query names, which depend on the request). */
function structure(event: unknown): string[] {
  return shapeOf(event)
    .filter((entry) => !/^\.(headers|multiValueHeaders|queryStringParameters|multiValueQueryStringParameters|pathParameters)\./.test(entry))
    .filter((entry) => !entry.startsWith(".requestContext.authorizer") && !entry.startsWith(".requestContext.identity."))
    .sort();
}

describe("event builders produce the recorded events' shapes", () => {
  it("REST API (payload 1.0)", async () => {
    const request = new Request(`${apiBaseUrl(API_SHAPES["api-gateway-v1"])}/v0.1/public/codepush/update_check?deployment_key=k&tag=a&tag=b`);
    const built = await apiGatewayV1Event(request, API_SHAPES["api-gateway-v1"]);
    expect(structure(built)).toEqual(structure(v1Get));
    expect(built.path).toBe("/v0.1/public/codepush/update_check");
    expect(built.requestContext.path).toBe("/prod/v0.1/public/codepush/update_check");
    expect(built.multiValueQueryStringParameters).toEqual({ deployment_key: ["k"], tag: ["a", "b"] });
  });

  it("HTTP API (payload 2.0)", async () => {
    const request = new Request(`${API_SHAPES["http-api-v2"].origin}/v0.1/public/codepush/update_check?a=1`, { headers: { cookie: "session=abc123; theme=dark" } });
    const built = await apiGatewayV2Event(request, API_SHAPES["http-api-v2"]);
    expect(structure(built)).toEqual(structure(v2Get));
    expect(built.cookies).toEqual(["session=abc123", "theme=dark"]);
  });

  it("function URL (payload 2.0), binary bodies base64-encoded", async () => {
    const request = new Request(`${API_SHAPES["function-url"].origin}/v0.1/public/codepush/report_status/download`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: '{"label":"v1"}',
    });
    const built = await apiGatewayV2Event(request, API_SHAPES["function-url"]);
    expect(structure(built)).toEqual(structure(urlPost));
    expect(built).toMatchObject({ body: '{"label":"v1"}', isBase64Encoded: false, routeKey: "$default" });
    const binary = await apiGatewayV2Event(new Request(request.url, { method: "POST", body: new Uint8Array([0xff, 0]) }), API_SHAPES["function-url"]);
    expect(binary).toMatchObject({ body: "/wA=", isBase64Encoded: true });
  });

  it("S3 put notification", () => {
    const built = s3PutNotification("hotpatch-releases-123456789012", { key: "src/shop/Staging/release candidate+1.zip", size: 1024, etag: '"d41d8cd98f00b204e9800998ecf8427e"' });
    expect(structure(built)).toEqual(structure(s3Put));
    expect(built.Records[0]!.s3.object).toMatchObject({ key: s3Put.Records[0]!.s3.object.key, eTag: s3Put.Records[0]!.s3.object.eTag });
  });
});
