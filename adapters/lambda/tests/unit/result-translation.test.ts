import { resultForApiGatewayV1, resultForApiGatewayV2 } from "@hotpatch/lambda";
import { describe, expect, it } from "vitest";

const zip = Buffer.from([0x50, 0x4b, 0x03, 0x04, 0xff, 0xfe, 0x00]);

describe("Response → proxy results", () => {
  it("JSON and text bodies stay text", async () => {
    const json = new Response('{"update_info":{"is_available":false}}', { status: 200, headers: { "content-type": "application/json; charset=UTF-8" } });
    expect(await resultForApiGatewayV1(json)).toEqual({
      statusCode: 200,
      headers: { "content-type": "application/json; charset=UTF-8" },
      body: '{"update_info":{"is_available":false}}',
      isBase64Encoded: false,
    });
    const text = new Response("OK", { headers: { "content-type": "text/plain;charset=UTF-8" } });
    expect(await resultForApiGatewayV2(text)).toMatchObject({ statusCode: 200, body: "OK", isBase64Encoded: false });
  });

  it("binary bodies (and text types that are not UTF-8 or are compressed) travel base64-encoded", async () => {
    const binary = await resultForApiGatewayV2(new Response(zip, { headers: { "content-type": "application/zip", "content-length": String(zip.length) } }));
    expect(binary).toMatchObject({ isBase64Encoded: true, body: zip.toString("base64"), headers: { "content-length": "7" } });
    const notUtf8 = await resultForApiGatewayV1(new Response(new Uint8Array([0xff, 0xfe]), { headers: { "content-type": "text/plain" } }));
    expect(notUtf8).toMatchObject({ isBase64Encoded: true, body: "//4=" });
    const gzipped = await resultForApiGatewayV1(new Response("abc", { headers: { "content-type": "application/json", "content-encoding": "gzip" } }));
    expect(gzipped).toMatchObject({ isBase64Encoded: true, body: Buffer.from("abc").toString("base64") });
  });

  it("cookies go to multiValueHeaders (1.0) and cookies[] (2.0), never into headers", async () => {
    const response = () => {
      const headers = new Headers({ "content-type": "text/plain" });
      headers.append("set-cookie", "a=1; Path=/");
      headers.append("set-cookie", "b=2; HttpOnly");
      return new Response("x", { headers });
    };
    const v1 = await resultForApiGatewayV1(response());
    expect(v1.multiValueHeaders).toEqual({ "set-cookie": ["a=1; Path=/", "b=2; HttpOnly"] });
    expect(v1.headers).not.toHaveProperty("set-cookie");
    const v2 = await resultForApiGatewayV2(response());
    expect(v2.cookies).toEqual(["a=1; Path=/", "b=2; HttpOnly"]);
    expect(v2.headers).not.toHaveProperty("set-cookie");
  });

  it("always sets statusCode and a string body (API Gateway's 502 otherwise)", async () => {
    expect(await resultForApiGatewayV1(new Response(null, { status: 204 }))).toEqual({ statusCode: 204, headers: {}, body: "", isBase64Encoded: false });
    expect(await resultForApiGatewayV2(new Response(null, { status: 304 }))).toMatchObject({ statusCode: 304, body: "" });
  });
});
