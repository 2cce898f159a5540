import type { APIGatewayProxyEvent, APIGatewayProxyEventV2, APIGatewayProxyResult, APIGatewayProxyStructuredResultV2, Context } from "aws-lambda";
import { UnsupportedEventError } from "../errors.js";
import { isPayloadV1, isPayloadV2 } from "../http/http-event-kind.js";
import { requestFromApiGatewayV1 } from "../http/request-from-v1.js";
import { requestFromApiGatewayV2 } from "../http/request-from-v2.js";
import { resultForApiGatewayV1 } from "../http/result-v1.js";
import { resultForApiGatewayV2 } from "../http/result-v2.js";
import type { LambdaRuntime } from "../runtime/lambda-runtime.js";
import { withInvocation } from "./invocation-context.js";

export interface LambdaHttpHandler {
  (event: APIGatewayProxyEvent, context: Context): Promise<APIGatewayProxyResult>;
  (event: APIGatewayProxyEventV2, context: Context): Promise<APIGatewayProxyStructuredResultV2>;
}

/**
 * The HTTP entry: API Gateway REST (payload 1.0), HTTP API (2.0) and function URLs (2.0) become one
 * `Request` for the HTTP app, and its `Response` the matching proxy result. Nothing else happens here.
 */
export function createHttpHandler(runtime: () => Promise<LambdaRuntime>): LambdaHttpHandler {
  const handle = async (event: unknown, context: Context): Promise<APIGatewayProxyResult | APIGatewayProxyStructuredResultV2> =>
    withInvocation(context, async () => {
      const v2 = isPayloadV2(event);
      if (!v2 && !isPayloadV1(event)) throw new UnsupportedEventError("HTTP", "an API Gateway (1.0 / 2.0) or function URL event");
      const { app, settle } = await runtime();
      try {
        let request: Request;
        try {
          request = v2 ? requestFromApiGatewayV2(event) : requestFromApiGatewayV1(event as APIGatewayProxyEvent);
        } catch (error) {
          // A header or method no HTTP stack accepts is the caller's mistake: a 400, not a function error.
          const why = error instanceof Error ? error.message : "unreadable";
          const bad = new Response(`the request could not be read: ${why.slice(0, 200)}`, { status: 400, headers: { "content-type": "text/plain; charset=utf-8" } });
          return v2 ? await resultForApiGatewayV2(bad) : await resultForApiGatewayV1(bad);
        }
        const response = await app.fetch(request);
        return v2 ? await resultForApiGatewayV2(response) : await resultForApiGatewayV1(response);
      } finally {
        await settle();
      }
    });
  return handle as LambdaHttpHandler;
}
