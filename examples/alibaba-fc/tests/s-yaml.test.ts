import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { DROP_ZONE_PREFIX } from "@hotpatch/core";
import { SETTINGS } from "@hotpatch/container";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { bundleHandlers, type BundleReport } from "../scripts/bundle.js";
import { EXAMPLE_DIR, HANDLERS } from "../scripts/handlers.js";

interface Trigger {
  triggerName: string;
  triggerType: string;
  sourceArn?: string;
  invocationRole?: string;
  triggerConfig: { authType?: string; methods?: string[]; events?: string[]; filter?: { key?: { prefix?: string; suffix?: string } } };
}
interface FunctionProps {
  region: string;
  functionName: string;
  runtime: string;
  code: string;
  handler: string;
  role?: string;
  environmentVariables?: Record<string, string>;
  logConfig?: { project?: string; logstore?: string };
  instanceLifecycleConfig?: { initializer?: { handler?: string } };
  triggers?: Trigger[];
}
interface SYaml {
  edition: string;
  resources: Record<string, { component: string; props: FunctionProps; actions?: Record<string, Array<{ run: string }>> }>;
}

let spec: SYaml;
let bundles: BundleReport[];
let outDir: string;

beforeAll(async () => {
  spec = parse(await readFile(join(EXAMPLE_DIR, "s.yaml"), "utf8")) as SYaml;
  outDir = await mkdtemp(join(tmpdir(), "hotpatch-fc-bundles-"));
  bundles = await bundleHandlers(outDir);
});
afterAll(() => rm(outDir, { recursive: true, force: true }));

function functionNamed(name: string): FunctionProps {
  const found = Object.values(spec.resources).find((resource) => resource.props.functionName === name);
  if (!found) throw new Error(`s.yaml has no function ${name}`);
  expect(found.component).toBe("fc3");
  return found.props;
}

describe("s.yaml (Serverless Devs, FC 3.0)", () => {
  it("declares exactly the bundled functions, each pointing at its bundle and at handlers the bundle exports", async () => {
    expect(spec.edition).toBe("3.0.0");
    expect(Object.values(spec.resources).map((r) => r.props.functionName).sort()).toEqual(HANDLERS.map((h) => h.functionName).sort());
    for (const handler of HANDLERS) {
      const props = functionNamed(handler.functionName);
      expect(props.code).toBe(`./dist/${handler.name}`);
      // ESM (.mjs) needs a Node 18+ runtime; `index.handler` loads `handler` from index.mjs.
      expect(Number(/^nodejs(\d+)$/.exec(props.runtime)?.[1])).toBeGreaterThanOrEqual(18);
      const bundle = bundles.find((b) => b.name === handler.name)!;
      expect(bundle.file.endsWith(join(handler.name, "index.mjs"))).toBe(true);
      const module = (await import(pathToFileURL(bundle.file).href)) as Record<string, unknown>;
      for (const entry of [props.handler, props.instanceLifecycleConfig?.initializer?.handler]) {
        const [file, exported] = (entry ?? "").split(".");
        expect(file).toBe("index");
        expect(typeof module[exported as string], `${handler.functionName}: ${entry}`).toBe("function");
      }
    }
  });

  it("builds before deploying", () => {
    const actions = Object.values(spec.resources).flatMap((resource) => resource.actions?.["pre-deploy"] ?? []);
    expect(actions.map((a) => a.run)).toContain("npm run build");
  });

  it("gives the HTTP function an HTTP trigger for every method the app serves", () => {
    const triggers = functionNamed("hotpatch-http").triggers ?? [];
    const http = triggers.find((t) => t.triggerType === "http");
    expect(http?.triggerConfig.authType).toBe("anonymous");
    for (const method of ["GET", "POST", "PATCH", "DELETE", "OPTIONS"]) expect(http?.triggerConfig.methods).toContain(method);
  });

  it("fires the ingest function for every object created under the drop zone, with the oss: prefix in the configuration", () => {
    const oss = (functionNamed("hotpatch-ingest").triggers ?? []).find((t) => t.triggerType === "oss");
    expect(oss?.triggerConfig.events).toEqual(["oss:ObjectCreated:*"]);
    expect(oss?.triggerConfig.filter?.key).toEqual({ prefix: DROP_ZONE_PREFIX, suffix: "" });
    expect(oss?.sourceArn).toContain("${vars.bucket}");
    expect(oss?.invocationRole).toMatch(/aliyunosseventnotificationrole$/);
  });

  it("ships logs to one logstore, runs under the role, and sets variables by their current names only", () => {
    const known = SETTINGS.map((setting) => setting.variable);
    for (const handler of HANDLERS) {
      const props = functionNamed(handler.functionName);
      expect(props.logConfig).toMatchObject({ project: "${vars.logProject}", logstore: "${vars.logStore}" });
      expect(props.role).toBe("${vars.role}");
      const variables = Object.keys(props.environmentVariables ?? {});
      expect(variables).toContain("HOTPATCH_BUCKET");
      for (const name of variables) expect(known, name).toContain(name);
    }
  });
});
