import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import protobuf from "protobufjs";
import { PutLogsClient, PutLogsSink, SlsLogger, putLogsAuthorization, putLogsStringToSign, slsContentMd5 } from "@hotpatch/provider-alibaba";
import { afterEach, describe, expect, it } from "vitest";

/** The schema as SLS documents it, parsed from .proto text: independent of the provider's JSON descriptor. */
const LogGroup = protobuf
  .parse(`syntax = "proto2"; package sls;
  message Log { required uint32 Time = 1; message Content { required string Key = 1; required string Value = 2; } repeated Content Contents = 2; optional fixed32 Time_ns = 4; }
  message LogTag { required string Key = 1; required string Value = 2; }
  message LogGroup { repeated Log Logs = 1; optional string Topic = 3; optional string Source = 4; repeated LogTag LogTags = 6; }`)
  .root.lookupType("sls.LogGroup");

interface Received {
  path: string;
  logs: Array<{ Time: number; Contents: Array<{ Key: string; Value: string }> }>;
  topic?: string;
}

/** A PutLogs endpoint on 127.0.0.1 that checks the LOG signature and the hex Content-MD5 like SLS. */
async function fakeSls(secret: string): Promise<{ url: string; received: Received[]; close(): Promise<void> }> {
  const received: Received[] = [];
  const server = createServer(async (req: IncomingMessage, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req as AsyncIterable<Buffer>) chunks.push(chunk);
    const body = Buffer.concat(chunks);
    const header = (name: string): string => String(req.headers[name] ?? "");
    const signed = Object.fromEntries(Object.entries(req.headers).filter(([n]) => n.startsWith("x-log-") || n.startsWith("x-acs-")).map(([n, v]) => [n, String(v)]));
    const expected = putLogsAuthorization("AKID", secret, putLogsStringToSign({ method: "POST", contentMd5: header("content-md5"), contentType: header("content-type"), date: header("date"), headers: signed, resource: req.url ?? "" }));
    if (header("content-md5") !== slsContentMd5(body) || header("authorization") !== expected) {
      res.writeHead(401, { "Content-Type": "application/json", "x-log-requestid": "REQ" }).end('{"errorCode":"SignatureNotMatch","errorMessage":"signature mismatch"}');
      return;
    }
    const group = LogGroup.toObject(LogGroup.decode(body)) as { Logs: Received["logs"]; Topic?: string };
    received.push({ path: req.url ?? "", logs: group.Logs, ...(group.Topic ? { topic: group.Topic } : {}) });
    res.writeHead(200).end();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

let close: (() => Promise<void>) | undefined;
afterEach(async () => close?.());

describe("PutLogs against a signature-checking fake SLS on 127.0.0.1", () => {
  it("ships batched entries as a LogGroup with string values", async () => {
    const sls = await fakeSls("SECRET");
    close = sls.close;
    const client = new PutLogsClient({ project: "hotpatch", logstore: "app-logs", baseUrl: sls.url, credentials: { accessKeyId: "AKID", accessKeySecret: "SECRET" } });
    const sink = new PutLogsSink(client, { topic: "hotpatch", flushIntervalMs: 60_000 });
    const logger = new SlsLogger({ sink, now: () => new Date("2025-01-01T00:00:00.000Z") });
    logger.info("device report", { event: "deploy_report", label: "v3", count: 2 });
    logger.info("second");
    await logger.flush();
    expect(sls.received).toHaveLength(1);
    expect(sls.received[0]!.path).toBe("/logstores/app-logs/shards/lb");
    expect(sls.received[0]!.topic).toBe("hotpatch");
    const first = sls.received[0]!.logs[0]!;
    expect(first.Time).toBe(1735689600);
    expect(Object.fromEntries(first.Contents.map((c) => [c.Key, c.Value]))).toEqual({
      time: "2025-01-01T00:00:00.000Z",
      level: "info",
      msg: "device report",
      event: "deploy_report",
      label: "v3",
      count: "2",
    });
    expect(sls.received[0]!.logs).toHaveLength(2);
  });

  it("surfaces a refused signature as SlsRequestError with SLS's error code", async () => {
    const sls = await fakeSls("SECRET");
    close = sls.close;
    const client = new PutLogsClient({ project: "hotpatch", logstore: "app-logs", baseUrl: sls.url, credentials: { accessKeyId: "AKID", accessKeySecret: "WRONG" } });
    const error = await client.putLogs({ logs: [{ time: 1, contents: [["k", "v"]] }] }).then(
      () => new Error("PutLogs should have been refused"),
      (e: unknown) => e as Error,
    );
    expect(error).toMatchObject({ name: "SlsRequestError", status: 401, code: "SignatureNotMatch", requestId: "REQ" });
    expect(error.message).not.toContain("WRONG");
  });
});
