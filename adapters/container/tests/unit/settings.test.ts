import { readFileSync } from "node:fs";
import { SETTINGS, configInputSchema, describeConfig, loadConfig, maskedConfig, MASK, type HotpatchConfig } from "@hotpatch/container";
import { describe, expect, it } from "vitest";
import type { ZodType } from "zod";

/** The dotted leaf keys of the schema, stopping at records (the AppKey → AppSecret map is one key). */
function schemaKeys(schema: ZodType, prefix = ""): string[] {
  const def = (schema as unknown as { def: { type: string; innerType?: ZodType; shape?: Record<string, ZodType> } }).def;
  if (def.type === "optional" && def.innerType) return schemaKeys(def.innerType, prefix);
  if (def.type === "object" && def.shape) return Object.entries(def.shape).flatMap(([name, child]) => schemaKeys(child, prefix ? `${prefix}.${name}` : name));
  return [prefix];
}

describe("the settings table", () => {
  it("names exactly the schema's keys, each with its own HOTPATCH_ variable", () => {
    expect(SETTINGS.map((setting) => setting.key).sort()).toEqual(schemaKeys(configInputSchema).sort());
    const names = SETTINGS.flatMap((setting) => [setting.variable, ...(setting.aliases ?? [])]);
    expect(new Set(names).size).toBe(names.length);
    for (const name of names) expect(name).toMatch(/^HOTPATCH_[A-Z0-9_]+$/);
  });

  it("is documented: docs/configuration.md names every key, variable and older name", () => {
    const reference = readFileSync(new URL("../../../../docs/configuration.md", import.meta.url), "utf8");
    for (const setting of SETTINGS) {
      for (const text of [`\`${setting.key}\``, `\`${setting.variable}\``, ...(setting.aliases ?? []).map((alias) => `\`${alias}\``)]) {
        expect(reference, text).toContain(text);
      }
    }
  });
});

describe("printing the configuration", () => {
  const secrets = {
    HOTPATCH_ACCESS_KEY: "configured_access_key_0001",
    HOTPATCH_CA_APPS: JSON.stringify({ "203753385": "gateway-app-secret-0001" }),
    HOTPATCH_CLOUD_ACCESS_KEY_ID: "AKIDEXAMPLE0001",
    HOTPATCH_CLOUD_ACCESS_KEY_SECRET: "cloud-secret-0001",
    HOTPATCH_CLOUD_SECURITY_TOKEN: "cloud-token-0001",
  };

  it("masks every secret, shows AppKeys and the start of an AccessKey ID", () => {
    const config = loadConfig({ env: { HOTPATCH_PROVIDER: "aws", HOTPATCH_BUCKET: "b", AWS_REGION: "eu-west-1", ...secrets }, file: false });
    const printed = JSON.stringify([describeConfig(config), maskedConfig(config)]);
    for (const value of ["configured_access_key_0001", "gateway-app-secret-0001", "cloud-secret-0001", "cloud-token-0001", "AKIDEXAMPLE0001"]) expect(printed).not.toContain(value);
    expect(maskedConfig(config)).toMatchObject({
      auth: { mode: "api-gateway", accessKey: MASK, apiGatewayApps: `203753385=${MASK}`, apiGatewayScope: "device" },
      credentials: { source: "static", accessKeyId: `AKID${MASK}`, accessKeySecret: MASK, securityToken: MASK },
      storage: { bucket: "b", region: "eu-west-1" },
      http: { port: 3000 },
    });
  });

  it("masks the local signing secret and leaves out what is not set", () => {
    const config: HotpatchConfig = loadConfig({ env: { HOTPATCH_SIGNING_SECRET: "signing-secret-0001" }, file: false });
    const rows = describeConfig(config);
    expect(rows.find((row) => row.key === "downloads.signingSecret")?.value).toBe(MASK);
    expect(rows.find((row) => row.key === "storage.bucket")?.value).toBeUndefined();
    expect(JSON.stringify(rows)).not.toContain("signing-secret-0001");
  });
});
