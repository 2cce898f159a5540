import { responseFromResult } from "@hotpatch/lambda/testing";
import { describe, expect, it } from "vitest";

describe("responseFromResult (what API Gateway makes of a function result)", () => {
  it("answers 502 for results API Gateway rejects", async () => {
    expect(responseFromResult("api-gateway-v1", { statusCode: 200 }, "GET").status).toBe(502);
    expect(responseFromResult("api-gateway-v1", { statusCode: "200", body: "" }, "GET").status).toBe(502);
    expect(responseFromResult("http-api-v2", { statusCode: 200, body: { a: 1 } }, "GET").status).toBe(502);
    expect(responseFromResult("api-gateway-v1", "plain", "GET").status).toBe(502);
  });

  it("takes a 2.0 result without statusCode as a 200 JSON body", async () => {
    const response = responseFromResult("function-url", { ok: true }, "GET");
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ ok: true });
  });

  it("decodes base64 bodies and merges multi-value headers and cookies", async () => {
    const response = responseFromResult(
      "api-gateway-v1",
      { statusCode: 200, headers: { "content-type": "application/zip" }, multiValueHeaders: { "set-cookie": ["a=1", "b=2"] }, body: "UEsDBA==", isBase64Encoded: true },
      "GET",
    );
    expect(Buffer.from(await response.arrayBuffer())).toEqual(Buffer.from([0x50, 0x4b, 0x03, 0x04]));
    expect(response.headers.get("content-length")).toBe("4");
    expect(response.headers.getSetCookie()).toEqual(["a=1", "b=2"]);
    const v2 = responseFromResult("http-api-v2", { statusCode: 201, cookies: ["c=3"], body: "" }, "POST");
    expect(v2.headers.getSetCookie()).toEqual(["c=3"]);
    expect(responseFromResult("http-api-v2", { statusCode: 200, body: "x" }, "HEAD").body).toBeNull();
  });
});
