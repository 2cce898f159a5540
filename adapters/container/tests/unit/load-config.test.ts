import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ConfigurationError, loadConfig, resolveConfiguration, type ConfigSources, type Environment } from "@hotpatch/container";
import { afterEach, beforeEach, describe, expect, it } from "vitest";

const AWS = { HOTPATCH_PROVIDER: "aws", AWS_REGION: "eu-west-1", HOTPATCH_BUCKET: "hotpatch-releases" };
const ALIBABA = { HOTPATCH_PROVIDER: "alibaba", HOTPATCH_REGION: "cn-hangzhou", HOTPATCH_BUCKET: "hotpatch-bucket" };

function failure(sources: ConfigSources): ConfigurationError {
  try {
    loadConfig(sources);
  } catch (error) {
    if (error instanceof ConfigurationError) return error;
    throw error;
  }
  throw new Error("expected a ConfigurationError");
}

const failing = (env: Environment) => failure({ env, file: false });

describe("configuration from the environment", () => {
  it("starts the local provider with nothing configured, with the documented defaults", () => {
    expect(loadConfig({ env: { PATH: "/usr/bin" }, file: false })).toEqual({
      provider: "local",
      storage: { dataDir: ".hotpatch" },
      downloads: {},
      http: { port: 3000, host: "127.0.0.1" },
      auth: { mode: "access-keys" },
      log: { level: "info", destination: "stdout" },
      limits: { maxPackageBytes: 200 * 1024 * 1024 },
      diffs: true,
      cacheMaxAgeMs: 5000,
      platform: {},
    });
  });

  it("needs only the bucket on Lambda, which sets the region and the function's name", () => {
    const config = loadConfig({ env: { ...AWS, AWS_LAMBDA_FUNCTION_NAME: "hotpatch-http" }, file: false });
    expect(config).toMatchObject({ provider: "aws", storage: { bucket: "hotpatch-releases", region: "eu-west-1" }, credentials: { source: "runtime" }, platform: { functionName: "hotpatch-http" } });
  });

  it("reads every variable of the AWS deployment", () => {
    const config = loadConfig({
      env: {
        ...AWS,
        HOTPATCH_REGION: "us-east-1",
        HOTPATCH_PUBLIC_BASE_URL: "https://d111111abcdef8.cloudfront.net",
        HOTPATCH_DOWNLOAD_URL_TTL_SECONDS: "900",
        HOTPATCH_ENDPOINT: "http://127.0.0.1:4568",
        HOTPATCH_PATH_STYLE: "true",
        HOTPATCH_LOG_LEVEL: "debug",
        HOTPATCH_LOG_DESTINATION: "stderr",
        HOTPATCH_CACHE_MAX_AGE_MS: "0",
        HOTPATCH_CORS_ORIGIN: "https://console.hotpatch.test",
        HOTPATCH_BASE_PATH: "/ota",
        HOTPATCH_ACCESS_KEY: "bootstrap_key_0123456789",
        HOTPATCH_DIFFS: "false",
        HOTPATCH_MAX_PACKAGE_BYTES: "1048576",
        HOTPATCH_CREDENTIALS: "static",
        HOTPATCH_CLOUD_ACCESS_KEY_ID: "AKIDEXAMPLE",
        HOTPATCH_CLOUD_ACCESS_KEY_SECRET: "aws-secret-example",
      },
      file: false,
    });
    expect(config).toEqual({
      provider: "aws",
      storage: { bucket: "hotpatch-releases", region: "us-east-1", endpoint: "http://127.0.0.1:4568", pathStyle: true },
      credentials: { source: "static", accessKeyId: "AKIDEXAMPLE", accessKeySecret: "aws-secret-example" },
      downloads: { publicBaseUrl: "https://d111111abcdef8.cloudfront.net", urlTtlSeconds: 900 },
      http: { port: 3000, host: "127.0.0.1", corsOrigin: "https://console.hotpatch.test", basePath: "/ota" },
      auth: { mode: "access-keys", accessKey: "bootstrap_key_0123456789" },
      log: { level: "debug", destination: "stderr" },
      limits: { maxPackageBytes: 1048576 },
      diffs: false,
      cacheMaxAgeMs: 0,
      platform: {},
    });
  });

  it("reads the Alibaba deployment: FC's region, the intranet endpoint on FC, the role's credentials until the first invocation", () => {
    const onFc = loadConfig({
      env: { HOTPATCH_PROVIDER: "alibaba", HOTPATCH_BUCKET: "hotpatch-bucket", FC_REGION: "cn-shanghai", ALIBABA_CLOUD_ACCESS_KEY_ID: "STS.role", ALIBABA_CLOUD_ACCESS_KEY_SECRET: "role-secret", ALIBABA_CLOUD_SECURITY_TOKEN: "token" },
      file: false,
    });
    expect(onFc).toMatchObject({
      storage: { bucket: "hotpatch-bucket", region: "cn-shanghai", internal: true, pathStyle: false },
      credentials: { source: "runtime", initial: { accessKeyId: "STS.role", accessKeySecret: "role-secret", securityToken: "token" } },
    });
    const elsewhere = loadConfig({ env: { ...ALIBABA, HOTPATCH_ENDPOINT: "http://127.0.0.1:9000", HOTPATCH_PATH_STYLE: "true" }, file: false });
    expect(elsewhere).toMatchObject({ storage: { region: "cn-hangzhou", internal: false, pathStyle: true, endpoint: "http://127.0.0.1:9000" }, credentials: { source: "runtime" } });
  });

  it("still reads the variables' older names, but not together with the current ones", () => {
    const config = loadConfig({
      env: { ...AWS, HOTPATCH_S3_ENDPOINT: "http://127.0.0.1:4568", HOTPATCH_S3_FORCE_PATH_STYLE: "false", HOTPATCH_BOOTSTRAP_ACCESS_KEY: "bootstrap_key_0123456789" },
      file: false,
    });
    expect(config).toMatchObject({ storage: { endpoint: "http://127.0.0.1:4568", pathStyle: false }, auth: { accessKey: "bootstrap_key_0123456789" } });
    const both = failing({ ...AWS, HOTPATCH_S3_ENDPOINT: "http://127.0.0.1:1", HOTPATCH_ENDPOINT: "http://127.0.0.1:2" });
    expect(both.message).toContain("HOTPATCH_S3_ENDPOINT and HOTPATCH_ENDPOINT both set storage.endpoint");
  });

  it("treats an empty variable as unset, as templates write '' for optional values", () => {
    expect(loadConfig({ env: { ...ALIBABA, HOTPATCH_ACCESS_KEY: "", HOTPATCH_PUBLIC_BASE_URL: " " }, file: false }).auth).toEqual({ mode: "access-keys" });
  });

  it("ignores the variables of hotpatch's other tools (the CLI's server and signing key, the tests' fixtures)", () => {
    expect(loadConfig({ env: { HOTPATCH_SERVER: "http://x.test", HOTPATCH_CA_KEY: "k", HOTPATCH_CA_SECRET: "s", HOTPATCH_HOME: "/tmp", HOTPATCH_RN_BUNDLES: "/f" }, file: false }).provider).toBe("local");
  });

  it.each([
    [{ HOTPATCH_BUKET: "typo" }, "HOTPATCH_BUKET", "unknown variable HOTPATCH_BUKET (did you mean HOTPATCH_BUCKET?)"],
    [{ HOTPATCH_LOGLEVEL: "debug" }, "HOTPATCH_LOGLEVEL", "did you mean HOTPATCH_LOG_LEVEL?"],
    [{ HOTPATCH_PROVIDER: "azure" }, "HOTPATCH_PROVIDER", 'HOTPATCH_PROVIDER (provider) must be one of local, alibaba, aws (got "azure")'],
    [{ HOTPATCH_PROVIDER: "aws", AWS_REGION: "eu-west-1" }, "HOTPATCH_BUCKET", "HOTPATCH_BUCKET (storage.bucket) is missing"],
    [{ HOTPATCH_PROVIDER: "aws", HOTPATCH_BUCKET: "b" }, "HOTPATCH_REGION", "and AWS_REGION is not set either"],
    [{ HOTPATCH_PROVIDER: "alibaba", HOTPATCH_BUCKET: "b" }, "HOTPATCH_REGION", "and FC_REGION is not set either"],
    [{ HOTPATCH_LOG_LEVEL: "verbose" }, "HOTPATCH_LOG_LEVEL", 'must be one of debug, info, warn, error (got "verbose")'],
    [{ ...AWS, HOTPATCH_DOWNLOAD_URL_TTL_SECONDS: "1h" }, "HOTPATCH_DOWNLOAD_URL_TTL_SECONDS", "must be a whole number of seconds"],
    [{ ...AWS, HOTPATCH_PUBLIC_BASE_URL: "cdn.hotpatch.test" }, "HOTPATCH_PUBLIC_BASE_URL", "must be an http(s) URL"],
    [{ ...AWS, HOTPATCH_S3_FORCE_PATH_STYLE: "yes" }, "HOTPATCH_S3_FORCE_PATH_STYLE", 'HOTPATCH_S3_FORCE_PATH_STYLE (storage.pathStyle) must be true or false (got "yes")'],
    [{ ...AWS, HOTPATCH_BASE_PATH: "ota/" }, "HOTPATCH_BASE_PATH", 'must be a path that starts with "/"'],
    [{ HOTPATCH_DIFFS: "off" }, "HOTPATCH_DIFFS", "must be true or false"],
    [{ HOTPATCH_PORT: "70000" }, "HOTPATCH_PORT", "must be a port number"],
    [{ ...AWS, HOTPATCH_DATA_DIR: "/data" }, "HOTPATCH_DATA_DIR", "applies to provider local only, but the provider is aws"],
    [{ HOTPATCH_BUCKET: "b" }, "HOTPATCH_BUCKET", "applies to provider alibaba or aws only, but the provider is local"],
    [{ ...AWS, HOTPATCH_OSS_INTERNAL: "true" }, "HOTPATCH_OSS_INTERNAL", "applies to provider alibaba only"],
    [{ ...AWS, HOTPATCH_CREDENTIALS: "static", HOTPATCH_CLOUD_ACCESS_KEY_ID: "AKID" }, "HOTPATCH_CLOUD_ACCESS_KEY_SECRET", "is missing: static credentials need an AccessKey secret"],
    [{ ...AWS, HOTPATCH_CREDENTIALS: "runtime", HOTPATCH_CLOUD_ACCESS_KEY_ID: "AKID" }, "HOTPATCH_CLOUD_ACCESS_KEY_ID", "set it to static"],
    [{ HOTPATCH_AUTH: "api-gateway" }, "HOTPATCH_CA_APPS", "is missing: HOTPATCH_AUTH=api-gateway needs"],
    [{ HOTPATCH_AUTH: "access-keys", HOTPATCH_CA_APPS: '{"203753385":"s"}' }, "HOTPATCH_CA_APPS", "set HOTPATCH_AUTH=api-gateway"],
    [{ HOTPATCH_CA_APPS: "{not json" }, "HOTPATCH_CA_APPS", "HOTPATCH_CA_APPS (auth.apiGatewayApps) is not valid JSON"],
    [{ HOTPATCH_AUTH: "none", HOTPATCH_HOST: "0.0.0.0" }, "HOTPATCH_AUTH", "only for the local provider on a loopback host"],
    [{ ...AWS, HOTPATCH_AUTH: "none" }, "HOTPATCH_AUTH", "not for provider aws"],
  ])("refuses %j, naming %s", (env, variable, text) => {
    const error = failing(env);
    expect(error.code).toBe("invalid_request");
    expect(error.field).toBe(variable);
    expect(error.message).toContain(variable);
    expect(error.message).toContain(text);
  });

  it("names every problem at once, not one per start", () => {
    const error = failing({ HOTPATCH_PROVIDER: "aws", HOTPATCH_BUKET: "b", HOTPATCH_LOG_LEVEL: "loud" });
    expect(error.issues.map((issue) => issue.variable)).toEqual(["HOTPATCH_BUKET", "HOTPATCH_LOG_LEVEL", "HOTPATCH_BUCKET", "HOTPATCH_REGION"]);
    expect(error.message).toMatch(/^invalid configuration \(4 problems\):\n {2}- unknown variable HOTPATCH_BUKET/);
  });

  it("never echoes a secret's value, even a malformed one", () => {
    const secrets = { HOTPATCH_ACCESS_KEY: "short!secret", HOTPATCH_CA_APPS: '{"app": "ca-secret-value"', HOTPATCH_SIGNING_SECRET: "" };
    const error = failing({ ...AWS, ...secrets, HOTPATCH_CLOUD_ACCESS_KEY_SECRET: "cloud-secret-value" });
    expect(error.message).toContain("HOTPATCH_ACCESS_KEY (auth.accessKey) must be 10-100 characters");
    expect(error.message).toContain("HOTPATCH_CA_APPS (auth.apiGatewayApps) is not valid JSON");
    for (const value of ["short!secret", "ca-secret-value", "cloud-secret-value"]) expect(error.message).not.toContain(value);
  });
});

describe("configuration from hotpatch.config.json, and the precedence of the sources", () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), "hotpatch-config-"));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  const write = (name: string, content: unknown) => writeFile(join(dir, name), typeof content === "string" ? content : JSON.stringify(content));

  it("layers defaults < runtime defaults < file < environment < flags, and says where each value came from", async () => {
    await write("hotpatch.config.json", { provider: "aws", storage: { bucket: "from-file", region: "eu-central-1" }, log: { level: "warn" }, http: { port: 4000 } });
    const resolved = resolveConfiguration({
      env: { HOTPATCH_LOG_LEVEL: "error", HOTPATCH_PORT: "5000", AWS_REGION: "ignored-because-the-file-says" },
      cwd: dir,
      searchCwd: true,
      defaults: { provider: "alibaba", diffs: false },
      overrides: { http: { port: 6000 } },
    });
    expect(resolved.file).toBe("hotpatch.config.json");
    expect(resolved.config).toMatchObject({ provider: "aws", storage: { bucket: "from-file", region: "eu-central-1" }, log: { level: "error" }, http: { port: 6000 }, diffs: false });
    expect(Object.fromEntries(resolved.origins)).toMatchObject({
      provider: "hotpatch.config.json",
      "storage.bucket": "hotpatch.config.json",
      "log.level": "HOTPATCH_LOG_LEVEL",
      "http.port": "the command line",
      diffs: "the runtime's defaults",
      cacheMaxAgeMs: "default",
    });
  });

  it("reads the file HOTPATCH_CONFIG names, and only the Node server looks in the working directory unasked", async () => {
    await write("hotpatch.config.json", { log: { level: "warn" } });
    await write("elsewhere.json", { log: { level: "debug" } });
    expect(loadConfig({ env: {}, cwd: dir }).log.level).toBe("info");
    expect(loadConfig({ env: {}, cwd: dir, searchCwd: true }).log.level).toBe("warn");
    expect(loadConfig({ env: { HOTPATCH_CONFIG: "elsewhere.json" }, cwd: dir, searchCwd: true }).log.level).toBe("debug");
    expect(failure({ env: { HOTPATCH_CONFIG: "missing.json" }, cwd: dir }).message).toContain("the configuration file missing.json cannot be read");
  });

  it("refuses unknown keys in the file with the closest known one, and wrong types naming the key", async () => {
    await write("hotpatch.config.json", { storage: { bukcet: "x" }, logs: { level: "info" }, http: { port: "80" }, diffs: "yes" });
    const error = failure({ env: {}, cwd: dir, searchCwd: true });
    expect(error.issues.map((issue) => issue.message)).toEqual([
      'unknown key "storage.bukcet" in hotpatch.config.json (did you mean storage.bucket?)',
      'unknown key "logs" in hotpatch.config.json (did you mean log?)',
      "HOTPATCH_PORT (http.port) must be a port number from 0 to 65535",
      "HOTPATCH_DIFFS (diffs) must be true or false",
    ]);
  });

  it("reports a file that is not JSON by position, without quoting it (it may hold a secret)", async () => {
    await write("hotpatch.config.json", '{"auth": {"accessKey": s3cr3t_value_123}}');
    const error = failure({ env: {}, cwd: dir, searchCwd: true });
    expect(error.message).toContain("hotpatch.config.json is not valid JSON");
    expect(error.message).not.toContain("s3cr3t_value_123");
  });
});
