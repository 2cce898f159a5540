import type { APIGatewayProxyEvent, APIGatewayProxyEventV2 } from "aws-lambda";

/** The HTTP event shapes the handler translates. Function URLs send the 2.0 shape. */
export type HttpEvent = APIGatewayProxyEvent | APIGatewayProxyEventV2;

export function isPayloadV2(event: unknown): event is APIGatewayProxyEventV2 {
  const e = event as { version?: unknown; requestContext?: { http?: unknown } } | null;
  return typeof e === "object" && e !== null && e.version === "2.0" && typeof e.requestContext?.http === "object";
}

/**
 * REST API proxy events (and HTTP API events in payload format 1.0, which add `version: "1.0"`).
 * ALB events look alike but carry `requestContext.elb` and want another result shape: not accepted.
 */
export function isPayloadV1(event: unknown): event is APIGatewayProxyEvent {
  const e = event as { httpMethod?: unknown; path?: unknown; requestContext?: { elb?: unknown } } | null;
  return typeof e === "object" && e !== null && typeof e.httpMethod === "string" && typeof e.path === "string" && e.requestContext?.elb === undefined;
}
