import { describe, expect, it } from "vitest";
import { rfc3986, v1Signature, v1StringToSign, v4CanonicalRequest, v4Scope, v4Signature, v4StringToSign } from "@hotpatch/provider-alibaba/testing";

// The worked examples of platforms.md §3.6 / §3.7, which reproduce ali-oss 6.23.0's requests byte for byte.
const headers = {
  "content-md5": "XUFAKrxLKna5cZ2REBfFkg==",
  "content-type": "text/plain",
  "x-oss-meta-uid": "7",
};

describe("OSS signature V1 (the emulator's verifier)", () => {
  it("signs x-oss-date in the Date line when Date is absent", () => {
    const stringToSign = v1StringToSign({
      method: "PUT",
      contentMd5: headers["content-md5"],
      contentType: headers["content-type"],
      date: "Wed, 01 Jan 2025 00:00:00 GMT",
      headers: { ...headers, "x-oss-date": "Wed, 01 Jan 2025 00:00:00 GMT" },
      bucket: "mybucket",
      key: "dir/a.txt",
      query: [],
    });
    expect(stringToSign).toBe(
      "PUT\nXUFAKrxLKna5cZ2REBfFkg==\ntext/plain\nWed, 01 Jan 2025 00:00:00 GMT\nx-oss-date:Wed, 01 Jan 2025 00:00:00 GMT\nx-oss-meta-uid:7\n/mybucket/dir/a.txt",
    );
    expect(v1Signature("SECRET", stringToSign)).toBe("BQ0FaXlo6m3ul3c/Iu1L/rqMz9w=");
  });

  it("signs the Date header when it is present", () => {
    const stringToSign = v1StringToSign({
      method: "PUT",
      contentMd5: headers["content-md5"],
      contentType: headers["content-type"],
      date: "Wed, 01 Jan 2025 00:00:00 GMT",
      headers,
      bucket: "mybucket",
      key: "dir/a.txt",
      query: [],
    });
    expect(v1Signature("SECRET", stringToSign)).toBe("RcYvHv6LJg/QjHHFdhA6ZVb7+RE=");
  });

  it("signs a presigned GET with Expires in the Date line, and only sub-resources from the query", () => {
    const stringToSign = v1StringToSign({
      method: "GET",
      contentMd5: "",
      contentType: "",
      date: "1735693200",
      headers: {},
      bucket: "mybucket",
      key: "dir/a.txt",
      query: [
        ["OSSAccessKeyId", "AKID"],
        ["Expires", "1735693200"],
        ["prefix", "not-signed"],
      ],
    });
    expect(stringToSign).toBe("GET\n\n\n1735693200\n/mybucket/dir/a.txt");
    expect(encodeURIComponent(v1Signature("SECRET", stringToSign))).toBe("QSV%2FEII9H6k3qe4KltKukUWBGYo%3D");
  });

  it("appends sorted sub-resources, with and without values", () => {
    const stringToSign = v1StringToSign({
      method: "GET",
      contentMd5: "",
      contentType: "",
      date: "d",
      headers: {},
      bucket: "b",
      query: [
        ["list-type", "2"],
        ["continuation-token", "abc"],
        ["acl", null],
      ],
    });
    expect(stringToSign.endsWith("/b/?acl&continuation-token=abc")).toBe(true);
  });
});

describe("OSS signature V4 (the emulator's verifier)", () => {
  it("reproduces the worked example", () => {
    const canonical = v4CanonicalRequest({
      method: "PUT",
      bucket: "mybucket",
      key: "dir/a.txt",
      query: [],
      headers: { ...headers, "x-oss-content-sha256": "UNSIGNED-PAYLOAD", "x-oss-date": "20250101T000000Z", "user-agent": "not signed" },
      additionalHeaders: [],
      payloadHash: "UNSIGNED-PAYLOAD",
    });
    expect(canonical).toBe(
      "PUT\n/mybucket/dir/a.txt\n\ncontent-md5:XUFAKrxLKna5cZ2REBfFkg==\ncontent-type:text/plain\nx-oss-content-sha256:UNSIGNED-PAYLOAD\nx-oss-date:20250101T000000Z\nx-oss-meta-uid:7\n\n\nUNSIGNED-PAYLOAD",
    );
    const stringToSign = v4StringToSign("20250101T000000Z", v4Scope("20250101", "cn-hangzhou"), canonical);
    expect(stringToSign).toBe(
      "OSS4-HMAC-SHA256\n20250101T000000Z\n20250101/cn-hangzhou/oss/aliyun_v4_request\nb44c0f9d30fa32220a0de29e4372db5e7d9842fb0290cffc698b87facf9d5a46",
    );
    expect(v4Signature("SECRET", "20250101", "cn-hangzhou", stringToSign)).toBe("f8fea43ac3c6ccd031d3b7f11515364890a0f7c32a95fb6773475b53d449dbc2");
  });

  it("encodes the URI per segment and sorts every query parameter", () => {
    const canonical = v4CanonicalRequest({
      method: "GET",
      bucket: "b",
      key: "a b/c+d(1)",
      query: [
        ["prefix", "x y"],
        ["list-type", "2"],
        ["acl", null],
      ],
      headers: {},
      additionalHeaders: [],
      payloadHash: "UNSIGNED-PAYLOAD",
    });
    expect(canonical.split("\n").slice(0, 3)).toEqual(["GET", "/b/a%20b/c%2Bd%281%29", "acl&list-type=2&prefix=x%20y"]);
    expect(rfc3986("!'()*")).toBe("%21%27%28%29%2A");
  });
});
