import { describe, expect, it } from "vitest";
import { runHotpatch } from "./support/run-cli.js";

const SECRETS = {
  HOTPATCH_ACCESS_KEY: "server_access_key_0001",
  HOTPATCH_CLOUD_ACCESS_KEY_SECRET: "cloud-secret-value-0001",
  HOTPATCH_CA_APPS: JSON.stringify({ "203753385": "gateway-secret-value-0001" }),
};
const AWS = { HOTPATCH_PROVIDER: "aws", HOTPATCH_BUCKET: "releases", AWS_REGION: "eu-west-1", HOTPATCH_CLOUD_ACCESS_KEY_ID: "AKIDEXAMPLE0001", ...SECRETS };

function expectNoSecret(text: string): void {
  for (const value of [...Object.values(SECRETS), "cloud-secret-value-0001", "gateway-secret-value-0001", "AKIDEXAMPLE0001"]) expect(text).not.toContain(value);
}

describe("hotpatch config check", () => {
  it("prints the resolved configuration with each value's source, secrets masked", async () => {
    const run = await runHotpatch(["config", "check"], AWS);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("The configuration is valid. Provider: aws.");
    expect(run.stdout).toMatch(/storage\.bucket\s+HOTPATCH_BUCKET\s+releases\s+HOTPATCH_BUCKET/);
    expect(run.stdout).toMatch(/storage\.region\s+HOTPATCH_REGION\s+eu-west-1\s+AWS_REGION \(platform\)/);
    expect(run.stdout).toMatch(/auth\.accessKey\s+HOTPATCH_ACCESS_KEY\s+\*{8}\s+HOTPATCH_ACCESS_KEY/);
    expect(run.stdout).toMatch(/log\.level\s+HOTPATCH_LOG_LEVEL\s+info\s+default/);
    expectNoSecret(run.stdout + run.stderr);
  });

  it("prints JSON with --json, still masked", async () => {
    const run = await runHotpatch(["config", "check", "--json"], AWS);
    const printed = JSON.parse(run.stdout) as { valid: boolean; settings: Array<{ key: string; value: unknown }> };
    expect(printed.valid).toBe(true);
    expect(printed.settings.find((row) => row.key === "auth.apiGatewayApps")?.value).toBe("203753385=********");
    expectNoSecret(run.stdout + run.stderr);
  });

  it("lists every problem, naming each variable, and fails", async () => {
    const run = await runHotpatch(["config", "check"], { ...SECRETS, HOTPATCH_PROVIDER: "aws", HOTPATCH_BUKET: "releases", HOTPATCH_ACCESS_KEY: "bad key with spaces" });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("unknown variable HOTPATCH_BUKET (did you mean HOTPATCH_BUCKET?)");
    expect(run.stderr).toContain("HOTPATCH_ACCESS_KEY (auth.accessKey) must be 10-100 characters");
    expect(run.stderr).toContain("HOTPATCH_REGION (storage.region) is missing");
    expect(run.stderr).toContain("HOTPATCH_CLOUD_ACCESS_KEY_ID (credentials.accessKeyId) is missing");
    expect(run.stderr).toContain("error: the configuration has 5 problems");
    expect(run.stderr).not.toContain("bad key with spaces");
    expectNoSecret(run.stdout + run.stderr);
  });
});
