import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { SETTINGS } from "@hotpatch/container";
import { describe, expect, it } from "vitest";
import { EXAMPLE_DIR, HANDLER_BUNDLES } from "../scripts/bundle-handlers.js";
import { parseTemplate, type CloudFormationTemplate } from "./cloudformation-yaml.js";

const template: CloudFormationTemplate = parseTemplate(await readFile(join(EXAMPLE_DIR, "template.yaml"), "utf8"));
const resources = Object.entries(template.Resources);
const functions = resources.filter(([, resource]) => resource.Type === "AWS::Serverless::Function");
const BUCKET_NAME = { "Fn::Sub": "${AWS::StackName}-releases-${AWS::AccountId}" };

interface Statement {
  Effect: string;
  Action: string | string[];
  Resource: unknown;
}

function statementsOf(properties: Record<string, unknown>): Statement[] {
  const policies = properties.Policies as Array<{ Statement?: Statement[] }>;
  return policies.flatMap((policy) => policy.Statement ?? []);
}

describe("SAM template", () => {
  it("has the two functions, each pointing at a bundle the build produces, exporting `handler`", async () => {
    expect(functions.map(([name]) => name).sort()).toEqual(["HttpFunction", "S3Function"]);
    for (const [name, resource] of functions) {
      const { CodeUri, Handler } = resource.Properties as { CodeUri: string; Handler: string };
      const [file, exported] = Handler.split(".");
      const bundle = HANDLER_BUNDLES.find((candidate) => `dist/${candidate.dir}` === CodeUri && candidate.file === file);
      expect(bundle, `${name}: ${CodeUri} ${Handler} is not built by scripts/build.ts`).toBeDefined();
      expect(exported).toBe("handler");
      const entry = (await import(bundle!.entry)) as Record<string, unknown>;
      expect(typeof entry[exported!], `${bundle!.entry} exports ${exported}`).toBe("function");
    }
  });

  it("triggers the S3 function on objects created under src/ of the releases bucket only", () => {
    const s3 = template.Resources.S3Function!.Properties!;
    const events = Object.values(s3.Events as Record<string, { Type: string; Properties: Record<string, unknown> }>);
    expect(events).toEqual([
      {
        Type: "S3",
        Properties: {
          Bucket: { Ref: "ReleasesBucket" },
          Events: "s3:ObjectCreated:*",
          Filter: { S3Key: { Rules: [{ Name: "prefix", Value: "src/" }] } },
        },
      },
    ]);
    expect(template.Resources.ReleasesBucket!.Properties!.BucketName).toEqual(BUCKET_NAME);
  });

  it("routes every path and method of the HTTP API's $default stage to the HTTP function", () => {
    const http = template.Resources.HttpFunction!.Properties!;
    const routes = Object.values(http.Events as Record<string, { Type: string; Properties: { Path: string; Method: string; ApiId: unknown } }>);
    expect(routes.map((route) => [route.Type, route.Properties.Path, route.Properties.Method]).sort()).toEqual([
      ["HttpApi", "/", "ANY"],
      ["HttpApi", "/{proxy+}", "ANY"],
    ]);
    expect(template.Resources.HttpApi!.Properties!.StageName).toBe("$default");
  });

  it("gives each function its own log group with a retention", () => {
    for (const [name, resource] of functions) {
      const logGroup = (resource.Properties!.LoggingConfig as { LogGroup: { Ref: string } }).LogGroup.Ref;
      expect(template.Resources[logGroup], name).toMatchObject({ Type: "AWS::Logs::LogGroup", Properties: { RetentionInDays: { Ref: "LogRetentionDays" } } });
    }
  });

  it("grants least privilege: named S3 actions on this bucket only, and no writes into the drop zone by its own trigger", () => {
    for (const [name, resource] of functions) {
      for (const statement of statementsOf(resource.Properties!)) {
        const actions = [statement.Action].flat();
        expect(actions.every((action) => /^s3:[A-Z][A-Za-z]+$/.test(action)), `${name}: ${actions.join(", ")}`).toBe(true);
        const resourceText = JSON.stringify(statement.Resource);
        expect(resourceText, name).toContain("${AWS::StackName}-releases-${AWS::AccountId}");
        expect(resourceText).not.toMatch(/:::\*"|"\*"/);
      }
    }
    const s3Statements = statementsOf(template.Resources.S3Function!.Properties!);
    expect(s3Statements.flatMap((s) => [s.Action].flat())).not.toContain("s3:DeleteObject");
    expect(s3Statements).toContainEqual({
      Effect: "Deny",
      Action: "s3:PutObject",
      Resource: { "Fn::Sub": "arn:${AWS::Partition}:s3:::${AWS::StackName}-releases-${AWS::AccountId}/src/*" },
    });
  });

  it("configures the functions only with the variables' current names (docs/configuration.md)", () => {
    const known = new Set<string>(SETTINGS.map((setting) => setting.variable));
    const globals = (template.Globals!.Function!.Environment as { Variables: Record<string, unknown> }).Variables;
    const perFunction = functions.flatMap(([, resource]) => Object.keys((resource.Properties!.Environment as { Variables?: object } | undefined)?.Variables ?? {}));
    for (const variable of [...Object.keys(globals), ...perFunction]) expect(known.has(variable), variable).toBe(true);
    expect(globals.HOTPATCH_BUCKET).toEqual(BUCKET_NAME);
    expect(template.Parameters!.BootstrapAccessKey).toMatchObject({ NoEcho: true });
  });
});
