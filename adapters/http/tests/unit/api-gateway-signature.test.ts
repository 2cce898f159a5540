import { Client } from "aliyun-api-gateway";
import { buildStringToSign, contentMd5, signApiGatewayRequest, signStringToSign } from "@hotpatch/http";
import { describe, expect, it } from "vitest";

const body = '{"appVersion":"1.2.3"}';

describe("API Gateway StringToSign", () => {
  it("reproduces the worked example (platforms.md §5.4)", () => {
    expect(contentMd5(new TextEncoder().encode(body))).toBe("wYQzh/DDt2GNvgHvN4dVLQ==");
    const stringToSign = buildStringToSign({
      method: "POST",
      accept: "application/json",
      contentMd5: "wYQzh/DDt2GNvgHvN4dVLQ==",
      contentType: "application/json; charset=utf-8",
      date: "",
      signedHeaders: [
        ["x-ca-key", "203753385"],
        ["x-ca-nonce", "c9f15cbf-f4ac-4a6c-b54d-f51abf4b5b44"],
        ["x-ca-signature-method", "HmacSHA256"],
        ["x-ca-timestamp", "1735689600000"],
      ],
      path: "/v1/check",
      parameters: [
        ["platform", "ios"],
        ["appKey", "demo"],
      ],
    });
    expect(stringToSign).toBe(
      "POST\napplication/json\nwYQzh/DDt2GNvgHvN4dVLQ==\napplication/json; charset=utf-8\n\nx-ca-key:203753385\nx-ca-nonce:c9f15cbf-f4ac-4a6c-b54d-f51abf4b5b44\nx-ca-signature-method:HmacSHA256\nx-ca-timestamp:1735689600000\n/v1/check?appKey=demo&platform=ios",
    );
    expect(signStringToSign("APPSECRET123", stringToSign)).toBe("YW9oHyE9yPD83m56j+lP9HN8mf0rV5sch9AN886eEug=");
  });

  it("signs exactly as the aliyun-api-gateway SDK does, empty values and form parameters included", async () => {
    const sdk = new Client("203753385", "APPSECRET123");
    const headers: Record<string, string> = {
      accept: "application/json",
      "content-type": "application/x-www-form-urlencoded; charset=UTF-8",
      "x-ca-key": "203753385",
      "x-ca-nonce": "5e6f",
      "x-ca-timestamp": "1735689600000",
    };
    const signedLines = "x-ca-key:203753385\nx-ca-nonce:5e6f\nx-ca-timestamp:1735689600000";
    const fromSdk = sdk.buildStringToSign("POST", headers, signedLines, { pathname: "/apps/a%20b", query: { empty: "", b: "2" } }, { a: "1" });
    const ours = buildStringToSign({
      method: "POST",
      accept: headers.accept as string,
      contentMd5: "",
      contentType: headers["content-type"] as string,
      date: "",
      signedHeaders: [
        ["x-ca-key", "203753385"],
        ["x-ca-nonce", "5e6f"],
        ["x-ca-timestamp", "1735689600000"],
      ],
      path: "/apps/a%20b",
      parameters: [
        ["empty", ""],
        ["b", "2"],
        ["a", "1"],
      ],
    });
    expect(ours).toBe(fromSdk);
    expect(signStringToSign("APPSECRET123", ours)).toBe(sdk.sign(fromSdk));
  });

  it("signApiGatewayRequest adds the X-Ca-* headers, Content-MD5 and a signature the SDK would compute", async () => {
    const signed = await signApiGatewayRequest(
      new Request("https://gw.example.test/v1/check?platform=ios&appKey=demo", {
        method: "POST",
        body,
        headers: { Accept: "application/json", "Content-Type": "application/json; charset=utf-8" },
      }),
      { appKey: "203753385", appSecret: "APPSECRET123" },
      { now: () => 1735689600000, nonce: () => "c9f15cbf-f4ac-4a6c-b54d-f51abf4b5b44" },
    );
    expect(signed.headers.get("content-md5")).toBe("wYQzh/DDt2GNvgHvN4dVLQ==");
    expect(signed.headers.get("x-ca-signature-headers")).toBe("x-ca-key,x-ca-nonce,x-ca-signature-method,x-ca-timestamp");
    expect(signed.headers.get("x-ca-signature")).toBe("YW9oHyE9yPD83m56j+lP9HN8mf0rV5sch9AN886eEug=");
    expect(await signed.text()).toBe(body);
  });
});
