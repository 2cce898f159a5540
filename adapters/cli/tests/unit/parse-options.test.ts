import { describe, expect, it } from "vitest";
import { normalizeServerUrl } from "../../src/config/connection.js";
import { formatTable } from "../../src/output/table.js";
import { assertTargetRange, parseDuration, parseRollout } from "../../src/parse/options.js";

describe("option parsing", () => {
  it("reads rollouts as whole percentages from 1 to 100", () => {
    expect(parseRollout("25")).toBe(25);
    expect(parseRollout("25%")).toBe(25);
    expect(parseRollout("100")).toBe(100);
    for (const bad of ["0", "101", "2.5", "-1", "abc", ""]) expect(() => parseRollout(bad), bad).toThrow();
  });

  it("reads durations into milliseconds and refuses bare numbers", () => {
    expect(parseDuration("60d")).toBe(60 * 86_400_000);
    expect(parseDuration("1d12h")).toBe(36 * 3_600_000);
    expect(parseDuration("90m")).toBe(90 * 60_000);
    expect(parseDuration("500ms")).toBe(500);
    for (const bad of ["60", "0d", "d", "5 days", ""]) expect(() => parseDuration(bad), bad).toThrow();
  });

  it("accepts semver ranges and refuses the rest", () => {
    for (const ok of ["1.0.0", "1.2.x", "^1.2.0", ">=1.0.0 <2.0.0", "*", "1.0"]) expect(assertTargetRange(ok)).toBe(ok);
    for (const bad of ["one", "1.0.0.0", ">>1"]) expect(() => assertTargetRange(bad), bad).toThrow(/not a valid target/);
  });

  it("normalises server URLs and keeps path prefixes", () => {
    expect(normalizeServerUrl("http://127.0.0.1:3000/")).toBe("http://127.0.0.1:3000");
    expect(normalizeServerUrl("https://updates.example.com/codepush//")).toBe("https://updates.example.com/codepush");
    expect(() => normalizeServerUrl("ftp://x")).toThrow(/not an http/);
    expect(() => normalizeServerUrl("localhost:3000")).toThrow();
  });

  it("aligns table columns", () => {
    expect(formatTable(["A", "Long header"], [["wide cell", "x"]])).toBe(
      ["A          Long header", "---------  -----------", "wide cell  x"].join("\n"),
    );
  });
});
