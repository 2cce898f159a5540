import { buildRequest, decodeBody, headerValue, stringRecord } from "./request-parts.js";

/**
 * The FC 3.0 HTTP-trigger event (platforms.md §1.4): `rawPath` URL-encoded, Canonical-Case header names,
 * repeated headers and query keys comma-joined, `body` base64 when `isBase64Encoded`.
 */
export interface Fc3HttpEvent {
  version: "v1";
  rawPath: string;
  body?: string;
  isBase64Encoded?: boolean;
  headers?: Record<string, string>;
  queryParameters?: Record<string, string>;
  requestContext: {
    accountId?: string;
    domainName?: string;
    domainPrefix?: string;
    http: { method: string; path: string; protocol?: string; sourceIp?: string; userAgent?: string };
    requestId?: string;
    time?: string;
    timeEpoch?: string;
  };
}

export function isFc3HttpEvent(event: Record<string, unknown>): boolean {
  const context = event.requestContext as { http?: unknown } | undefined;
  return event.version === "v1" && typeof event.rawPath === "string" && typeof context?.http === "object" && context.http !== null;
}

export function fc3EventToRequest(event: Fc3HttpEvent): Request {
  const headers = stringRecord(event.headers);
  return buildRequest({
    method: event.requestContext.http.method,
    path: event.rawPath,
    query: stringRecord(event.queryParameters),
    headers,
    host: headerValue(headers, "host") ?? event.requestContext.domainName ?? "fc.invalid",
    body: decodeBody(event.body, event.isBase64Encoded),
  });
}
