import { LambdaConfigError, parseLambdaConfig } from "@hotpatch/lambda";
import { describe, expect, it } from "vitest";

const minimal = { AWS_REGION: "eu-west-1", HOTPATCH_BUCKET: "hotpatch-releases" };

describe("parseLambdaConfig", () => {
  it("needs only the bucket and the region Lambda sets", () => {
    expect(parseLambdaConfig({ ...minimal, AWS_LAMBDA_FUNCTION_NAME: "hotpatch-http", PATH: "/usr/bin" })).toEqual({
      region: "eu-west-1",
      bucket: "hotpatch-releases",
      logLevel: "info",
      functionName: "hotpatch-http",
    });
  });

  it("reads every optional variable", () => {
    expect(
      parseLambdaConfig({
        ...minimal,
        HOTPATCH_PUBLIC_BASE_URL: "https://d111111abcdef8.cloudfront.net",
        HOTPATCH_DOWNLOAD_URL_TTL_SECONDS: "900",
        HOTPATCH_S3_ENDPOINT: "http://127.0.0.1:4568",
        HOTPATCH_S3_FORCE_PATH_STYLE: "true",
        HOTPATCH_LOG_LEVEL: "debug",
        HOTPATCH_CACHE_MAX_AGE_MS: "0",
        HOTPATCH_CORS_ORIGIN: "https://console.hotpatch.test",
        HOTPATCH_BASE_PATH: "/ota",
        HOTPATCH_BOOTSTRAP_ACCESS_KEY: "bootstrap_key_0123456789",
        HOTPATCH_DIFFS: "false",
      }),
    ).toEqual({
      region: "eu-west-1",
      bucket: "hotpatch-releases",
      publicBaseUrl: "https://d111111abcdef8.cloudfront.net",
      downloadUrlTtlSeconds: 900,
      s3Endpoint: "http://127.0.0.1:4568",
      s3ForcePathStyle: true,
      logLevel: "debug",
      cacheMaxAgeMs: 0,
      corsOrigin: "https://console.hotpatch.test",
      basePath: "/ota",
      bootstrapAccessKey: "bootstrap_key_0123456789",
      diffs: false,
    });
  });

  it.each([
    [{ AWS_REGION: "eu-west-1" }, "HOTPATCH_BUCKET"],
    [{ HOTPATCH_BUCKET: "b" }, "AWS_REGION"],
    [{ ...minimal, HOTPATCH_BUKET: "typo" }, "HOTPATCH_BUKET"],
    [{ ...minimal, HOTPATCH_LOG_LEVEL: "verbose" }, "HOTPATCH_LOG_LEVEL"],
    [{ ...minimal, HOTPATCH_DOWNLOAD_URL_TTL_SECONDS: "1h" }, "HOTPATCH_DOWNLOAD_URL_TTL_SECONDS"],
    [{ ...minimal, HOTPATCH_PUBLIC_BASE_URL: "cdn.hotpatch.test" }, "HOTPATCH_PUBLIC_BASE_URL"],
    [{ ...minimal, HOTPATCH_S3_FORCE_PATH_STYLE: "yes" }, "HOTPATCH_S3_FORCE_PATH_STYLE"],
    [{ ...minimal, HOTPATCH_BASE_PATH: "ota/" }, "HOTPATCH_BASE_PATH"],
    [{ ...minimal, HOTPATCH_DIFFS: "off" }, "HOTPATCH_DIFFS"],
  ])("refuses %j, naming %s", (env, variable) => {
    const error = (() => {
      try {
        parseLambdaConfig(env);
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(LambdaConfigError);
    expect((error as LambdaConfigError).field).toBe(variable);
    expect((error as LambdaConfigError).message).toContain(variable);
  });
});
