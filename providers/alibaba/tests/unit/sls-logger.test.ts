import { PutLogsClient, PutLogsSink, SlsLogger, StdoutSink, encodeLogGroup, putLogsAuthorization, putLogsStringToSign, slsContentMd5, type SlsLogEntry } from "@hotpatch/provider-alibaba";
import { describe, expect, it } from "vitest";

const fixedNow = () => new Date("2025-01-01T00:00:00.000Z");

function capture(): { lines: string[]; logger: SlsLogger } {
  const lines: string[] = [];
  return { lines, logger: new SlsLogger({ sink: new StdoutSink((line) => lines.push(line)), now: fixedNow }) };
}

describe("SlsLogger on stdout (what FC ships to the logstore)", () => {
  it("writes one JSON object per line with the fields SLS indexes", () => {
    const { lines, logger } = capture();
    logger.child({ requestId: "req-1" }).info("device report", { event: "deploy_report", app: "shop", deployment: "Production", label: "v3", status: "DeploymentSucceeded" });
    expect(lines).toHaveLength(1);
    expect(lines[0]!.endsWith("\n")).toBe(true);
    expect(lines[0]!.trimEnd()).not.toContain("\n");
    expect(JSON.parse(lines[0]!)).toEqual({
      time: "2025-01-01T00:00:00.000Z",
      level: "info",
      msg: "device report",
      requestId: "req-1",
      event: "deploy_report",
      app: "shop",
      deployment: "Production",
      label: "v3",
      status: "DeploymentSucceeded",
    });
  });

  it("redacts secret-looking fields at any depth and serialises errors without stacks", () => {
    const { lines, logger } = capture();
    const cause = Object.assign(new Error("inner"), { code: "AccessDenied" });
    logger.error("failed", { accessKeySecret: "s3cr3t", nested: { "x-oss-security-token": "tok" }, error: new Error("outer", { cause }) });
    const entry = JSON.parse(lines[0]!) as SlsLogEntry;
    expect(lines[0]).not.toContain("s3cr3t");
    expect(lines[0]).not.toContain('"tok"');
    expect(entry.error).toEqual({ name: "Error", message: "outer", cause: { name: "Error", message: "inner", code: "AccessDenied" } });
    expect(lines[0]).not.toContain("at ");
  });

  it("drops entries below its level and keeps fixed keys from being overwritten", () => {
    const lines: string[] = [];
    const logger = new SlsLogger({ level: "warn", sink: new StdoutSink((line) => lines.push(line)), now: fixedNow });
    logger.info("hidden");
    logger.warn("shown", { msg: "field named msg", level: 7 });
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0]!)).toMatchObject({ msg: "shown", level: "warn", _msg: "field named msg", _level: 7 });
  });

  it("rejects unknown options and levels", () => {
    expect(() => new SlsLogger({ levle: "info" } as never)).toThrow(/levle/);
    expect(() => new SlsLogger({ level: "loud" as never })).toThrow(/level/);
  });
});

describe("PutLogs encoding and signature", () => {
  it("encodes a LogGroup as the documented protobuf", () => {
    const bytes = encodeLogGroup({ logs: [{ time: 1735689600, contents: [["k", "v"]] }], topic: "t" });
    expect(Buffer.from(bytes).toString("hex")).toBe("0a0e08808bd2bb0612060a016b1201761a0174");
  });

  it("reproduces the worked PutLogs signature (upper-case hex Content-MD5)", () => {
    const body = new Uint8Array([0x0a, 0x00]);
    expect(slsContentMd5(body)).toBe("9DD94C5A4B02914AF42E8E6372E0B709");
    const stringToSign = putLogsStringToSign({
      method: "POST",
      contentMd5: slsContentMd5(body),
      contentType: "application/x-protobuf",
      date: "Wed, 01 Jan 2025 00:00:00 GMT",
      headers: { "x-log-signaturemethod": "hmac-sha1", "x-log-apiversion": "0.6.0", "x-log-bodyrawsize": "2", "content-type": "ignored" },
      resource: "/logstores/app-logs/shards/lb",
    });
    expect(stringToSign).toBe(
      "POST\n9DD94C5A4B02914AF42E8E6372E0B709\napplication/x-protobuf\nWed, 01 Jan 2025 00:00:00 GMT\nx-log-apiversion:0.6.0\nx-log-bodyrawsize:2\nx-log-signaturemethod:hmac-sha1\n/logstores/app-logs/shards/lb",
    );
    expect(putLogsAuthorization("AKID", "SECRET", stringToSign)).toBe("LOG AKID:LPrzPq4DZMXZVxX290WhY/xMBZw=");
  });

  it("keeps a failed batch for the next flush and reports the failure", async () => {
    const sent: number[] = [];
    let fail = true;
    const client = new PutLogsClient({
      project: "p",
      logstore: "s",
      baseUrl: "http://127.0.0.1:9",
      credentials: { accessKeyId: "id", accessKeySecret: "secret" },
      fetch: async () => {
        if (fail) return new Response('{"errorCode":"WriteQuotaExceed","errorMessage":"slow down"}', { status: 403 });
        sent.push(1);
        return new Response("", { status: 200 });
      },
    });
    const errors: unknown[] = [];
    const sink = new PutLogsSink(client, { onError: (error) => errors.push(error), flushIntervalMs: 60_000 });
    const logger = new SlsLogger({ sink, now: fixedNow });
    logger.info("one");
    await logger.flush();
    expect(errors).toHaveLength(1);
    expect(String((errors[0] as Error).message)).toContain("WriteQuotaExceed");
    fail = false;
    await logger.flush();
    expect(sent).toHaveLength(1);
  });
});
