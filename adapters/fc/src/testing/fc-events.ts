import { randomUUID } from "node:crypto";
import type { FcContext, FcEvent } from "../fc-context.js";
import { isTextual, type FcHttpResult } from "../http/fc-http-result.js";

/** `x-ca-key` → `X-Ca-Key`: FC 3.0 canonicalises header names this way (platforms.md §1.4). */
export function canonicalHeaderName(name: string): string {
  return name
    .split("-")
    .map((word) => (word === "" ? word : word[0]!.toUpperCase() + word.slice(1).toLowerCase()))
    .join("-");
}

function headerRecord(request: Request, canonical: boolean): Record<string, string> {
  const headers: Record<string, string> = { [canonical ? "Host" : "host"]: new URL(request.url).host };
  request.headers.forEach((value, name) => {
    headers[canonical ? canonicalHeaderName(name) : name] = value;
  });
  return headers;
}

/** Repeated query keys are comma-joined, as both FC 3.0 and API Gateway deliver them. */
function queryRecord(url: URL): Record<string, string> {
  const query: Record<string, string> = {};
  url.searchParams.forEach((value, key) => {
    query[key] = key in query ? `${query[key]},${value}` : value;
  });
  return query;
}

async function bodyOf(request: Request, alwaysBase64: boolean): Promise<{ body: string; isBase64Encoded: boolean }> {
  if (request.body === null) return { body: "", isBase64Encoded: false };
  const bytes = Buffer.from(await request.arrayBuffer());
  const base64 = alwaysBase64 || !isTextual(request.headers.get("content-type"));
  return { body: bytes.toString(base64 ? "base64" : "utf8"), isBase64Encoded: base64 };
}

/** The Buffer API Gateway would send an FC event-function backend for `request` (platforms.md §1.9). */
export async function requestToApiGatewayEvent(request: Request): Promise<Buffer> {
  const url = new URL(request.url);
  const event = {
    path: url.pathname,
    httpMethod: request.method,
    headers: headerRecord(request, false),
    queryParameters: queryRecord(url),
    pathParameters: {},
    // The gateway commonly base64-encodes bodies; the adapter must honour the flag either way.
    ...(await bodyOf(request, true)),
  };
  return Buffer.from(JSON.stringify(event));
}

/** The Buffer an FC 3.0 HTTP trigger would pass for `request` (platforms.md §1.4). */
export async function requestToFc3Event(request: Request, now = new Date()): Promise<Buffer> {
  const url = new URL(request.url);
  const event = {
    version: "v1",
    rawPath: url.pathname,
    ...(await bodyOf(request, false)),
    headers: headerRecord(request, true),
    queryParameters: queryRecord(url),
    requestContext: {
      accountId: "1234567890123456",
      domainName: url.host,
      domainPrefix: url.hostname.split(".")[0],
      http: {
        method: request.method,
        path: decodeURIComponent(url.pathname),
        protocol: "HTTP/1.1",
        sourceIp: "127.0.0.1",
        userAgent: request.headers.get("user-agent") ?? "",
      },
      requestId: `1-${randomUUID()}`,
      time: now.toISOString().replace(/\.\d{3}Z$/, "Z"),
      timeEpoch: String(now.getTime()), // a string in FC 3.0 (a number on AWS)
    },
  };
  return Buffer.from(JSON.stringify(event));
}

export function resultToResponse(result: FcHttpResult): Response {
  const body = result.body === "" || result.statusCode === 204 || result.statusCode === 304 ? null : Buffer.from(result.body, result.isBase64Encoded ? "base64" : "utf8");
  return new Response(body, { status: result.statusCode, headers: result.headers });
}

export function fakeFcContext(overrides: Partial<FcContext> = {}): FcContext {
  return {
    requestId: randomUUID(),
    function: { name: "hotpatch", handler: "index.handler", memory: 512, timeout: 30 },
    service: { logProject: "hotpatch-logs", logStore: "fc-logs", qualifier: "LATEST", versionId: "1" },
    region: "cn-hangzhou",
    accountId: "1234567890123456",
    ...overrides,
  };
}

export type FcHttpHandler = (event: FcEvent, context: FcContext) => Promise<FcHttpResult>;

/**
 * A `send` for the HTTP acceptance driver that goes through FC handlers: each Request becomes an API
 * Gateway or FC 3.0 event Buffer for one of `handlers` (round-robin, as FC spreads requests over
 * instances), and the result struct becomes the Response. Requests that `direct` selects (downloads
 * from OSS) go to the network as they are.
 */
export function fcSend(handlers: FcHttpHandler[], options: { kind: "api-gateway" | "fc3"; direct?: (url: URL) => boolean; context?: () => FcContext }): (request: Request) => Promise<Response> {
  let next = 0;
  return async (request) => {
    if (options.direct?.(new URL(request.url))) return fetch(request);
    const event = options.kind === "api-gateway" ? await requestToApiGatewayEvent(request) : await requestToFc3Event(request);
    const handler = handlers[next++ % handlers.length] as FcHttpHandler;
    return resultToResponse(await handler(event, options.context?.() ?? fakeFcContext()));
  };
}

/** An OSS-trigger payload for one created object, in the documented shape (platforms.md §1.8). */
export function ossTriggerPayload(object: { bucket: string; key: string; etag: string; size: number; region?: string }): Buffer {
  const region = object.region ?? "cn-hangzhou";
  return Buffer.from(
    JSON.stringify({
      events: [
        {
          eventName: "ObjectCreated:PutObject",
          eventSource: "acs:oss",
          eventTime: new Date().toISOString(),
          eventVersion: "1.0",
          oss: {
            bucket: { arn: `acs:oss:${region}:1234567890123456:${object.bucket}`, name: object.bucket, ownerIdentity: "1234567890123456", virtualBucket: "" },
            object: { deltaSize: object.size, eTag: object.etag.replace(/"/g, "").toUpperCase(), key: object.key.split("/").map(encodeURIComponent).join("/"), size: object.size },
            ossSchemaVersion: "1.0",
            ruleId: "0000000000000000000000000000000000000000",
          },
          region,
          requestParameters: { sourceIPAddress: "127.0.0.1" },
          responseElements: { requestId: "0000000000000000000000000" },
          userIdentity: { principalId: "1234567890123456" },
        },
      ],
    }),
  );
}
