import type { APIGatewayProxyEvent, APIGatewayProxyEventV2 } from "aws-lambda";
import { requestFromApiGatewayV1, requestFromApiGatewayV2 } from "@hotpatch/lambda";
import { describe, expect, it } from "vitest";
import v1Get from "../fixtures/api-gateway-v1-update-check.json" with { type: "json" };
import v1Post from "../fixtures/api-gateway-v1-report-deploy.json" with { type: "json" };
import urlPost from "../fixtures/function-url-report-download.json" with { type: "json" };
import v2Get from "../fixtures/http-api-v2-update-check.json" with { type: "json" };

const restGet = v1Get as unknown as APIGatewayProxyEvent;
const restPost = v1Post as unknown as APIGatewayProxyEvent;
const httpGet = v2Get as APIGatewayProxyEventV2;
const functionUrlPost = urlPost as APIGatewayProxyEventV2;

describe("API Gateway REST event (payload 1.0) → Request", () => {
  it("takes the path without the stage, every query value and every header", () => {
    const request = requestFromApiGatewayV1(restGet);
    const url = new URL(request.url);
    expect(request.method).toBe("GET");
    expect(url.origin).toBe("https://a1b2c3d4e5.execute-api.eu-west-1.amazonaws.com");
    expect(url.pathname).toBe("/v0.1/public/codepush/update_check");
    expect(url.searchParams.get("deployment_key")).toBe("dk_3kPq9ZrT7wXyB2nM5vL8");
    expect(url.searchParams.getAll("tag")).toEqual(["a b", "b"]);
    expect(request.headers.get("x-codepush-sdk-version")).toBe("^4.2.3");
    expect(request.body).toBeNull();
  });

  it("decodes a base64 body", async () => {
    const request = requestFromApiGatewayV1(restPost);
    expect(request.method).toBe("POST");
    expect(await request.json()).toEqual({ deployment_key: "dk_3kPq9ZrT7wXyB2nM5vL8", app_version: "1.0.0", client_unique_id: "6e6fb996-1b4b-4f3e-9d39-6a1a0b0c7f21" });
  });

  it("falls back to the single-value maps when the multi-value ones are absent", () => {
    const event = { ...restGet, multiValueHeaders: {}, multiValueQueryStringParameters: null };
    const request = requestFromApiGatewayV1(event);
    expect(new URL(request.url).searchParams.getAll("tag")).toEqual(["b"]);
    expect(request.headers.get("accept")).toBe("application/json");
  });

  it("strips a named stage for HTTP APIs sending payload 1.0, but never for REST APIs", () => {
    const httpApiV1 = { ...restGet, version: "1.0", path: "/prod/v0.1/public/codepush/update_check" } as APIGatewayProxyEvent;
    expect(new URL(requestFromApiGatewayV1(httpApiV1).url).pathname).toBe("/v0.1/public/codepush/update_check");
    const restWithStageLikePath = { ...restGet, path: "/prod/apps" };
    expect(new URL(requestFromApiGatewayV1(restWithStageLikePath).url).pathname).toBe("/prod/apps");
  });
});

describe("HTTP API / function URL event (payload 2.0) → Request", () => {
  it("keeps the raw query string, joins cookies and takes headers as they are", () => {
    const request = requestFromApiGatewayV2(httpGet);
    const url = new URL(request.url);
    expect(url.origin).toBe("https://f6g7h8i9j0.execute-api.eu-west-1.amazonaws.com");
    expect(url.pathname).toBe("/v0.1/public/codepush/update_check");
    expect(url.searchParams.get("package_hash")).toBe("a+b c");
    expect(request.headers.get("cookie")).toBe("session=abc123; theme=dark");
    expect(request.headers.get("x-custom")).toBe("one,two");
  });

  it("strips a named stage's prefix; $default has none", () => {
    const staged = { ...httpGet, rawPath: "/beta/v0.1/public/codepush/update_check", requestContext: { ...httpGet.requestContext, stage: "beta" } };
    expect(new URL(requestFromApiGatewayV2(staged).url).pathname).toBe("/v0.1/public/codepush/update_check");
    const root = { ...httpGet, rawPath: "/beta", requestContext: { ...httpGet.requestContext, stage: "beta" } };
    expect(new URL(requestFromApiGatewayV2(root).url).pathname).toBe("/");
  });

  it("reads a function URL POST with a text body", async () => {
    const request = requestFromApiGatewayV2(functionUrlPost);
    expect(request.method).toBe("POST");
    expect(new URL(request.url).host).toBe("abcdefghijklmnopqrstuvwxyz234567.lambda-url.eu-west-1.on.aws");
    expect(await request.json()).toEqual({ deployment_key: "dk_3kPq9ZrT7wXyB2nM5vL8", label: "v1", client_unique_id: "x" });
  });

  it("decodes base64 bodies byte for byte", async () => {
    const bytes = Buffer.from([0x50, 0x4b, 0x03, 0x04, 0xff, 0x00, 0x80]);
    const event = { ...functionUrlPost, body: bytes.toString("base64"), isBase64Encoded: true };
    expect(Buffer.from(await requestFromApiGatewayV2(event).arrayBuffer()).equals(bytes)).toBe(true);
  });
});
