import { ConflictError } from "@hotpatch/core";
import { CloudWatchJsonLogger, InvalidOptionsError } from "@hotpatch/provider-aws";
import { describe, expect, it } from "vitest";

function capture(options: ConstructorParameters<typeof CloudWatchJsonLogger>[0] = {}) {
  const lines: string[] = [];
  const logger = new CloudWatchJsonLogger({ now: () => new Date("2026-03-14T09:26:53.589Z"), write: (line) => lines.push(line), ...options });
  return { logger, lines, entries: () => lines.map((line) => JSON.parse(line) as Record<string, unknown>) };
}

describe("CloudWatchJsonLogger", () => {
  it("writes one JSON object per line in Lambda's JSON log shape, fields flat for Logs Insights", () => {
    const { logger, lines } = capture({ context: () => ({ requestId: "c793869b-ee49-115b-a5b6-4fd21e8dedac" }) });
    logger.info("device report", { event: "deploy_report", app: "shop", deployment: "Production", label: "v3", status: "DeploymentSucceeded" });
    expect(lines).toEqual([
      '{"timestamp":"2026-03-14T09:26:53.589Z","level":"INFO","message":"device report","requestId":"c793869b-ee49-115b-a5b6-4fd21e8dedac",' +
        '"event":"deploy_report","app":"shop","deployment":"Production","label":"v3","status":"DeploymentSucceeded"}',
    ]);
    expect(lines[0]).not.toContain("\n");
  });

  it("drops entries below its level", () => {
    const { logger, entries } = capture({ level: "warn" });
    logger.debug("a");
    logger.info("b");
    logger.warn("c");
    logger.error("d");
    expect(entries().map((entry) => [entry.level, entry.message])).toEqual([
      ["WARN", "c"],
      ["ERROR", "d"],
    ]);
  });

  it("children carry bindings and the invocation's fields, read per line", () => {
    let requestId = "first";
    const { logger, entries } = capture({ bindings: { function: "hotpatch-http" }, context: () => ({ requestId }) });
    const child = logger.child({ app: "shop" }).child({ deployment: "Staging" });
    child.info("one");
    requestId = "second";
    child.info("two");
    expect(entries()).toEqual([
      { timestamp: "2026-03-14T09:26:53.589Z", level: "INFO", message: "one", requestId: "first", function: "hotpatch-http", app: "shop", deployment: "Staging" },
      { timestamp: "2026-03-14T09:26:53.589Z", level: "INFO", message: "two", requestId: "second", function: "hotpatch-http", app: "shop", deployment: "Staging" },
    ]);
  });

  it("redacts secrets by field name, at any depth", () => {
    const { logger, lines } = capture();
    logger.warn("request", { authorization: "Bearer abc", headers: { "x-amz-security-token": "tok", accept: "json" }, credentials: { accessKeyId: "AKID" } });
    expect(JSON.parse(lines[0]!)).toMatchObject({ authorization: "[redacted]", headers: { "x-amz-security-token": "[redacted]", accept: "json" }, credentials: "[redacted]" });
    expect(lines[0]).not.toMatch(/Bearer abc|"tok"|AKID/);
  });

  it("serialises errors with code and cause, never the stack; keeps fixed keys from being overwritten", () => {
    const { logger, entries } = capture();
    const error = new Error("put failed", { cause: new ConflictError("exists") });
    logger.error("failed", { error, message: "shadow", level: "shadow", bytes: new Uint8Array(4), at: new Date(0), big: 10n, nan: Number.NaN });
    const [entry] = entries();
    expect(entry).toMatchObject({
      level: "ERROR",
      message: "failed",
      _message: "shadow",
      _level: "shadow",
      error: { name: "Error", message: "put failed", cause: { name: "ConflictError", message: "exists", code: "conflict" } },
      bytes: "[4 bytes]",
      at: "1970-01-01T00:00:00.000Z",
      big: "10",
      nan: "NaN",
    });
    expect(JSON.stringify(entry)).not.toContain("at ");
  });

  it("survives cycles and a failing sink", () => {
    const cyclic: Record<string, unknown> = { name: "loop" };
    cyclic.self = cyclic;
    const { logger, entries } = capture();
    logger.info("cycle", { cyclic });
    expect(entries()[0]).toMatchObject({ cyclic: { name: "loop", self: "[circular]" } });
    const failing = new CloudWatchJsonLogger({
      write: () => {
        throw new Error("stdout closed");
      },
    });
    expect(() => failing.error("x")).not.toThrow();
  });

  it("refuses unknown options and levels", () => {
    expect(() => new CloudWatchJsonLogger({ level: "verbose" as never })).toThrow(InvalidOptionsError);
    expect(() => new CloudWatchJsonLogger({ format: "json" } as never)).toThrow(/format/);
  });
});
