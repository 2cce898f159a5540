import { InvalidOptionsError, s3ClientConfig } from "@hotpatch/provider-aws";
import { describe, expect, it } from "vitest";

describe("s3ClientConfig", () => {
  it("for AWS itself: virtual-hosted style and the SDK's default checksums", () => {
    expect(s3ClientConfig({ region: "eu-west-1" })).toEqual({
      region: "eu-west-1",
      forcePathStyle: false,
      requestChecksumCalculation: "WHEN_SUPPORTED",
      responseChecksumValidation: "WHEN_SUPPORTED",
    });
  });

  it("for an S3-compatible endpoint: path style and checksums only when required", () => {
    const config = s3ClientConfig({ region: "us-east-1", endpoint: "http://127.0.0.1:4568/", credentials: { accessKeyId: "a", secretAccessKey: "b" } });
    expect(config).toMatchObject({
      endpoint: "http://127.0.0.1:4568",
      forcePathStyle: true,
      requestChecksumCalculation: "WHEN_REQUIRED",
      responseChecksumValidation: "WHEN_REQUIRED",
    });
    expect(s3ClientConfig({ region: "us-east-1", endpoint: "https://minio.test", forcePathStyle: false, checksums: "when-supported" })).toMatchObject({
      forcePathStyle: false,
      requestChecksumCalculation: "WHEN_SUPPORTED",
    });
  });

  it("refuses unknown options, a missing region and malformed values", () => {
    expect(() => s3ClientConfig({ region: "us-east-1", pathStyle: true } as never)).toThrow(InvalidOptionsError);
    expect(() => s3ClientConfig({ region: "" })).toThrow(/region/);
    expect(() => s3ClientConfig({ region: "us-east-1", endpoint: "127.0.0.1:9000" })).toThrow(/endpoint/);
    expect(() => s3ClientConfig({ region: "us-east-1", checksums: "always" as never })).toThrow(/checksums/);
    expect(() => s3ClientConfig({ region: "us-east-1", maxAttempts: 0 })).toThrow(/maxAttempts/);
  });
});
