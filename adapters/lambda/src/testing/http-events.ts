import { randomUUID } from "node:crypto";
import type { APIGatewayProxyEvent, APIGatewayProxyEventV2 } from "aws-lambda";
import type { ApiShape } from "./api-shapes.js";

const TEXTUAL = /^(text\/|application\/(json|[\w.+-]+\+json|xml|x-www-form-urlencoded)(\s*;|$))/i;
const ACCOUNT = "123456789012";

interface RequestParts {
  method: string;
  url: URL;
  headers: Headers;
  body: { body: string; isBase64Encoded: boolean } | null;
}

/** Bodies travel as text when textual, base64 otherwise (HTTP APIs do this; REST APIs with binary media types `*\/*`). */
async function partsOf(request: Request): Promise<RequestParts> {
  const bytes = request.body ? Buffer.from(await request.arrayBuffer()) : null;
  const textual = TEXTUAL.test(request.headers.get("content-type") ?? "");
  return {
    method: request.method,
    url: new URL(request.url),
    headers: request.headers,
    body: bytes && bytes.byteLength > 0 ? (textual ? { body: bytes.toString("utf8"), isBase64Encoded: false } : { body: bytes.toString("base64"), isBase64Encoded: true }) : null,
  };
}

function stripStage(pathname: string, shape: ApiShape): string {
  if (shape.transport !== "api-gateway-v1") return pathname;
  const prefix = `/${shape.stage}`;
  return pathname === prefix ? "/" : pathname.slice(prefix.length);
}

/** A REST API proxy event (payload 1.0) for `request`, as API Gateway builds it for `/{proxy+}`. */
export async function apiGatewayV1Event(request: Request, shape: ApiShape): Promise<APIGatewayProxyEvent> {
  const { method, url, headers, body } = await partsOf(request);
  const path = stripStage(url.pathname, shape);
  const single: Record<string, string> = { Host: url.host, "X-Forwarded-Proto": "https", "X-Forwarded-Port": "443", "X-Forwarded-For": "203.0.113.7" };
  const multi: Record<string, string[]> = Object.fromEntries(Object.entries(single).map(([k, v]) => [k, [v]]));
  headers.forEach((value, name) => {
    single[name] = value;
    (multi[name] ??= []).push(value);
  });
  const query: Record<string, string> = {};
  const multiQuery: Record<string, string[]> = {};
  for (const [name, value] of url.searchParams) {
    query[name] = value;
    (multiQuery[name] ??= []).push(value);
  }
  const hasQuery = url.searchParams.size > 0;
  const now = Date.now();
  return {
    resource: "/{proxy+}",
    path,
    httpMethod: method,
    headers: single,
    multiValueHeaders: multi,
    queryStringParameters: hasQuery ? query : null,
    multiValueQueryStringParameters: hasQuery ? multiQuery : null,
    pathParameters: path === "/" ? null : { proxy: path.slice(1) },
    stageVariables: null,
    requestContext: {
      accountId: ACCOUNT,
      apiId: url.hostname.split(".")[0] ?? "api",
      authorizer: undefined,
      domainName: url.hostname,
      domainPrefix: url.hostname.split(".")[0] ?? "api",
      extendedRequestId: randomUUID(),
      httpMethod: method,
      identity: identity(headers.get("user-agent")),
      path: url.pathname,
      protocol: "HTTP/1.1",
      requestId: randomUUID(),
      requestTime: new Date(now).toUTCString(),
      requestTimeEpoch: now,
      resourceId: "abc123",
      resourcePath: "/{proxy+}",
      stage: shape.stage,
    },
    body: body?.body ?? null,
    isBase64Encoded: body?.isBase64Encoded ?? false,
  };
}

/** An HTTP API (payload 2.0) or function URL event for `request`; both use the 2.0 format. */
export async function apiGatewayV2Event(request: Request, shape: ApiShape): Promise<APIGatewayProxyEventV2> {
  const { method, url, headers, body } = await partsOf(request);
  const joined: Record<string, string> = { host: url.host, "x-forwarded-proto": "https", "x-forwarded-port": "443", "x-forwarded-for": "203.0.113.7" };
  let cookies: string[] | undefined;
  headers.forEach((value, name) => {
    // Headers already joins repeated names; cookies travel apart in 2.0 events.
    if (name === "cookie") cookies = value.split(/;\s*/);
    else joined[name] = value;
  });
  const query: Record<string, string> = {};
  for (const [name, value] of url.searchParams) query[name] = query[name] === undefined ? value : `${query[name]},${value}`;
  const now = new Date();
  const isUrl = shape.transport === "function-url";
  const event: APIGatewayProxyEventV2 = {
    version: "2.0",
    routeKey: isUrl ? "$default" : "ANY /{proxy+}",
    rawPath: url.pathname,
    rawQueryString: url.search.slice(1),
    headers: joined,
    ...(url.searchParams.size > 0 ? { queryStringParameters: query } : {}),
    ...(cookies ? { cookies } : {}),
    ...(isUrl ? {} : { pathParameters: { proxy: url.pathname.slice(1) } }),
    requestContext: {
      accountId: isUrl ? "anonymous" : ACCOUNT,
      apiId: url.hostname.split(".")[0] ?? "api",
      domainName: url.hostname,
      domainPrefix: url.hostname.split(".")[0] ?? "api",
      http: { method, path: url.pathname, protocol: "HTTP/1.1", sourceIp: "203.0.113.7", userAgent: headers.get("user-agent") ?? "" },
      requestId: randomUUID(),
      routeKey: isUrl ? "$default" : "ANY /{proxy+}",
      stage: "$default",
      time: now.toUTCString(),
      timeEpoch: now.getTime(),
    },
    isBase64Encoded: body?.isBase64Encoded ?? false,
    ...(body ? { body: body.body } : {}),
  };
  return event;
}

function identity(userAgent: string | null): APIGatewayProxyEvent["requestContext"]["identity"] {
  return {
    accessKey: null,
    accountId: null,
    apiKey: null,
    apiKeyId: null,
    caller: null,
    clientCert: null,
    cognitoAuthenticationProvider: null,
    cognitoAuthenticationType: null,
    cognitoIdentityId: null,
    cognitoIdentityPoolId: null,
    principalOrgId: null,
    sourceIp: "203.0.113.7",
    user: null,
    userAgent,
    userArn: null,
  };
}
