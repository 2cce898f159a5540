import type { LambdaInvoker } from "@hotpatch/provider-aws/invoke";
import type { Send } from "@hotpatch/http/testing";
import type { Context } from "aws-lambda";
import type { LambdaHttpHandler } from "../handlers/http-handler.js";
import type { HttpEvent } from "../http/http-event-kind.js";
import type { ApiShape } from "./api-shapes.js";
import { responseFromResult } from "./http-results.js";
import { apiGatewayV1Event, apiGatewayV2Event } from "./http-events.js";
import { lambdaContext } from "./lambda-context.js";

export interface SendOptions {
  /**
   * Where requests that are not for the API go (downloads from S3): plain fetch, but by default only to
   * loopback hosts, so that a wrong URL can never send a test's traffic off the machine.
   */
  allowRemoteFetch?: boolean;
}

/** The event API Gateway (or the function URL) would send the function for `request`. */
export function eventForRequest(request: Request, shape: ApiShape): Promise<HttpEvent> {
  return shape.transport === "api-gateway-v1" ? apiGatewayV1Event(request, shape) : apiGatewayV2Event(request, shape);
}

/** Sends requests for the API as events through `call` and turns its result into a Response. */
function sendThrough(shape: ApiShape, call: (event: HttpEvent) => Promise<unknown>, options: SendOptions): Send {
  return async (request) => {
    const url = new URL(request.url);
    if (url.origin !== shape.origin) return outside(request, url, options);
    if (shape.transport === "api-gateway-v1" && url.pathname !== `/${shape.stage}` && !url.pathname.startsWith(`/${shape.stage}/`)) {
      // A REST API answers paths outside its stages itself, without invoking anything.
      return new Response(JSON.stringify({ message: "Forbidden" }), { status: 403, headers: { "content-type": "application/json" } });
    }
    const result = await call(await eventForRequest(request, shape));
    return responseFromResult(shape.transport, result, request.method);
  };
}

/** `send` for httpDriver: each request becomes an event for `handler`, called in-process. */
export function directSend(handler: LambdaHttpHandler, shape: ApiShape, options: SendOptions & { context?: () => Context } = {}): Send {
  const context = options.context ?? (() => lambdaContext("hotpatch-http"));
  return sendThrough(shape, (event) => (handler as (e: HttpEvent, c: Context) => Promise<unknown>)(event, context()), options);
}

/** `send` for httpDriver: each request becomes an event, sent with the Lambda Invoke API. */
export function invokeSend(invoker: LambdaInvoker, functionName: string, shape: ApiShape, options: SendOptions = {}): Send {
  return sendThrough(shape, (event) => invoker.invoke(functionName, event), options);
}

const LOOPBACK = new Set(["127.0.0.1", "localhost", "[::1]"]);

function outside(request: Request, url: URL, options: SendOptions): Promise<Response> {
  if (!options.allowRemoteFetch && !LOOPBACK.has(url.hostname)) {
    return Promise.reject(new Error(`refusing to fetch ${url.origin} from a test (only loopback hosts; set allowRemoteFetch for a deployed stack)`));
  }
  return fetch(request);
}
