import { describe, expect, it } from "vitest";
import { HotpatchError, StorageError } from "@hotpatch/core";
import { ConsoleJsonLogger, InvalidOptionsError, MemoryLogger } from "@hotpatch/provider-local";

const NOW = new Date("2025-06-01T12:00:00.000Z");

function capture(level: "debug" | "info" | "warn" | "error" = "debug"): { lines: string[]; logger: ConsoleJsonLogger } {
  const lines: string[] = [];
  return { lines, logger: new ConsoleJsonLogger({ level, write: (line) => lines.push(line), now: () => NOW }) };
}

const parsed = (lines: string[]): Record<string, unknown>[] => lines.map((line) => JSON.parse(line) as Record<string, unknown>);

describe("ConsoleJsonLogger", () => {
  it("writes one JSON object per line: time, level, msg, bindings, fields", () => {
    const lines: string[] = [];
    const logger = new ConsoleJsonLogger({ level: "info", bindings: { service: "hotpatch" }, write: (line) => lines.push(line), now: () => NOW });
    logger.info("release created", { app: "demo", label: "v3", size: 1024 });
    expect(lines).toHaveLength(1);
    expect(lines[0]).not.toContain("\n");
    expect(lines[0]).toBe('{"time":"2025-06-01T12:00:00.000Z","level":"info","msg":"release created","service":"hotpatch","app":"demo","label":"v3","size":1024}');
  });

  it("drops entries below its level", () => {
    const { lines, logger } = capture("warn");
    logger.debug("d");
    logger.info("i");
    logger.warn("w");
    logger.error("e");
    expect(parsed(lines).map((entry) => entry.level)).toEqual(["warn", "error"]);
    expect(logger.isLevelEnabled("info")).toBe(false);
    expect(logger.isLevelEnabled("error")).toBe(true);
  });

  it("child loggers add bindings, keep level and writer, and leave the parent alone", () => {
    const { lines, logger } = capture("info");
    const child = logger.child({ requestId: "r1", app: "demo" });
    const grandchild = child.child({ app: "other", deployment: "Production" });
    grandchild.debug("hidden");
    grandchild.info("check");
    logger.info("plain");
    expect(parsed(lines)).toEqual([
      { time: NOW.toISOString(), level: "info", msg: "check", requestId: "r1", app: "other", deployment: "Production" },
      { time: NOW.toISOString(), level: "info", msg: "plain" },
    ]);
  });

  it("serialises errors as name, message and code, without the stack", () => {
    const { lines, logger } = capture();
    const sdkError = Object.assign(new Error("The specified key does not exist."), { name: "NoSuchKey", code: "NoSuchKey" });
    logger.error("store failed", { error: new StorageError("object store read failed", { cause: sdkError }) });
    logger.error("plain", { error: new TypeError("boom"), nested: { errors: [new HotpatchError("internal", "x")] } });
    const [first, second] = parsed(lines);
    expect(first!.error).toEqual({
      name: "StorageError",
      message: "object store read failed",
      code: "storage_error",
      cause: { name: "NoSuchKey", message: "The specified key does not exist.", code: "NoSuchKey" },
    });
    expect(second!.error).toEqual({ name: "TypeError", message: "boom" });
    expect(second!.nested).toEqual({ errors: [{ name: "HotpatchError", message: "x", code: "internal" }] });
    expect(lines.join("\n")).not.toContain("    at ");
  });

  it("redacts secret-looking fields case-insensitively, at any depth", () => {
    const { lines, logger } = capture();
    logger.child({ Authorization: "Bearer abc" }).info("request", {
      accessKey: "AK1",
      ACCESSKEY: "AK2",
      password: "pw",
      headers: { authorization: "Bearer xyz", "x-oss-access-key": "AK3", accept: "*/*" },
      signingSecret: "s3cr3t",
      refresh_token: "t",
      list: [{ token: "t2", ok: 1 }],
      app: "demo",
    });
    const entry = parsed(lines)[0]!;
    expect(entry).toMatchObject({
      Authorization: "[redacted]",
      accessKey: "[redacted]",
      ACCESSKEY: "[redacted]",
      password: "[redacted]",
      headers: { authorization: "[redacted]", "x-oss-access-key": "[redacted]", accept: "*/*" },
      signingSecret: "[redacted]",
      refresh_token: "[redacted]",
      list: [{ token: "[redacted]", ok: 1 }],
      app: "demo",
    });
    for (const secret of ["abc", "AK1", "AK2", "AK3", "pw", "xyz", "s3cr3t"]) expect(lines[0]).not.toContain(secret);
  });

  it("turns awkward values into JSON and never throws", () => {
    const { lines, logger } = capture();
    const circular: Record<string, unknown> = { name: "loop" };
    circular.self = circular;
    logger.info("values", {
      circular,
      big: 10n,
      bytes: new Uint8Array(12),
      when: new Date("2025-01-01T00:00:00.000Z"),
      nan: Number.NaN,
      skipped: undefined,
      fn: () => 1,
      url: new URL("http://127.0.0.1/x"),
      set: new Set([1, 2]),
      map: new Map([["a", { password: "p" }]]),
      time: "a field named time",
    });
    expect(parsed(lines)[0]).toEqual({
      time: NOW.toISOString(),
      level: "info",
      msg: "values",
      circular: { name: "loop", self: "[circular]" },
      big: "10",
      bytes: "[12 bytes]",
      when: "2025-01-01T00:00:00.000Z",
      nan: "NaN",
      url: "http://127.0.0.1/x",
      set: [1, 2],
      map: { a: { password: "[redacted]" } },
      _time: "a field named time",
    });
    const failing = new ConsoleJsonLogger({ write: () => { throw new Error("disk full"); } });
    expect(() => failing.error("still fine")).not.toThrow();
  });

  it("takes its own redaction list", () => {
    const lines: string[] = [];
    const logger = new ConsoleJsonLogger({ redact: ["deploymentKey"], write: (line) => lines.push(line), now: () => NOW });
    logger.info("x", { deploymentKey: "dk", password: "kept because the list was replaced" });
    expect(parsed(lines)[0]).toMatchObject({ deploymentKey: "[redacted]", password: "kept because the list was replaced" });
  });

  it("rejects an unknown level or option", () => {
    expect(() => new ConsoleJsonLogger({ level: "verbose" as never })).toThrow(InvalidOptionsError);
    expect(() => new ConsoleJsonLogger({ lvl: "info" } as never)).toThrow(InvalidOptionsError);
  });
});

describe("MemoryLogger", () => {
  it("collects the same entries a console logger would print, shared with its children", () => {
    const logger = new MemoryLogger({ now: () => NOW });
    logger.child({ requestId: "r1" }).warn("slow", { ms: 900, token: "t" });
    logger.debug("detail");
    expect(logger.entries).toEqual([
      { time: NOW.toISOString(), level: "warn", msg: "slow", requestId: "r1", ms: 900, token: "[redacted]" },
      { time: NOW.toISOString(), level: "debug", msg: "detail" },
    ]);
    expect(logger.find("slow")).toHaveLength(1);
    expect(logger.atLevel("debug").map((entry) => entry.msg)).toEqual(["detail"]);
    expect(logger.messages()).toEqual(["slow", "detail"]);
    logger.clear();
    expect(logger.entries).toEqual([]);
  });

  it("filters by level", () => {
    const logger = new MemoryLogger({ level: "error" });
    logger.warn("no");
    logger.error("yes");
    expect(logger.messages()).toEqual(["yes"]);
  });
});
