import { buildRequest, decodeBody, headerValue, stringRecord } from "./request-parts.js";

/**
 * The event API Gateway sends an FC event-function backend (platforms.md §1.9). Alibaba's field is
 * `queryParameters` (AWS says `queryStringParameters`), which tells the two apart.
 */
export interface ApiGatewayEvent {
  path: string;
  httpMethod: string;
  headers?: Record<string, string>;
  queryParameters?: Record<string, string>;
  pathParameters?: Record<string, string>;
  body?: string;
  isBase64Encoded?: boolean;
}

export function isApiGatewayEvent(event: Record<string, unknown>): boolean {
  return typeof event.httpMethod === "string" && typeof event.path === "string" && !("queryStringParameters" in event);
}

export function apiGatewayEventToRequest(event: ApiGatewayEvent): Request {
  const headers = stringRecord(event.headers);
  return buildRequest({
    method: event.httpMethod,
    path: event.path,
    query: stringRecord(event.queryParameters),
    headers,
    host: headerValue(headers, "host") ?? "apigateway.invalid",
    body: decodeBody(event.body, event.isBase64Encoded),
  });
}
