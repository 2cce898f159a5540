import type { APIGatewayProxyEvent } from "aws-lambda";
import { bodyFor, eventBody, withoutStage } from "./event-body.js";

/**
 * API Gateway REST proxy event (payload 1.0) → Request. `multiValueHeaders` and
 * `multiValueQueryStringParameters` carry every value; the single-value maps only the last, so they are
 * used only for names the multi-value maps lack. Query values arrive decoded and are re-encoded here.
 */
export function requestFromApiGatewayV1(event: APIGatewayProxyEvent): Request {
  const headers = new Headers();
  for (const [name, values] of Object.entries(event.multiValueHeaders ?? {})) {
    for (const value of values ?? []) headers.append(name, value);
  }
  for (const [name, value] of Object.entries(event.headers ?? {})) {
    if (value !== undefined && !headers.has(name)) headers.set(name, value);
  }
  const query = new URLSearchParams();
  const seen = new Set<string>();
  for (const [name, values] of Object.entries(event.multiValueQueryStringParameters ?? {})) {
    seen.add(name);
    for (const value of values ?? []) query.append(name, value);
  }
  for (const [name, value] of Object.entries(event.queryStringParameters ?? {})) {
    if (value !== undefined && !seen.has(name)) query.append(name, value);
  }
  // HTTP APIs sending payload 1.0 mark it with `version`; they prefix named stages like 2.0 does.
  const isHttpApi = (event as { version?: unknown }).version === "1.0";
  const path = isHttpApi ? withoutStage(event.path, event.requestContext?.stage) : event.path;
  const host = headers.get("host") ?? event.requestContext?.domainName ?? "localhost";
  const protocol = headers.get("x-forwarded-proto") ?? "https";
  const search = query.size > 0 ? `?${query}` : "";
  // Setting the path as a path: "//evil.example/x" must not become another host, nor "?" a query.
  const url = new URL(`${protocol}://${host}`);
  url.pathname = path;
  url.search = search;
  const method = event.httpMethod.toUpperCase();
  const body = bodyFor(method, eventBody(event.body, event.isBase64Encoded));
  return new Request(url, { method, headers, ...(body ? { body } : {}) });
}
