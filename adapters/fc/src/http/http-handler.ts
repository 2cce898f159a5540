import { UnrecognisedEventError } from "../errors.js";
import type { FcContext, FcEvent } from "../fc-context.js";
import { perInstance } from "../per-instance.js";
import { apiGatewayEventToRequest, isApiGatewayEvent, type ApiGatewayEvent } from "./api-gateway-event.js";
import { eventJson } from "./event-json.js";
import { fc3EventToRequest, isFc3HttpEvent, type Fc3HttpEvent } from "./fc3-http-event.js";
import { responseToResult, type FcHttpResult } from "./fc-http-result.js";

/** The one HTTP app (or anything with its `fetch`). */
export interface FetchApp {
  fetch(request: Request): Response | Promise<Response>;
}

export interface FcHttpInstance {
  app: FetchApp;
  /**
   * Awaited after each response is built, before the handler returns: FC may freeze the instance as soon
   * as it returns, so work the app left running (diff builds, buffered metrics) must finish here.
   */
  afterInvoke?: () => Promise<void>;
}

export interface FcHandlerOptions {
  /** Runs at the start of every invocation, e.g. to take the rotating STS credentials from `context`. */
  onInvoke?: (context: FcContext) => void;
}

/** An FC 3.0 HTTP-trigger event or an API Gateway event, as a Web Request. */
export function fcEventToRequest(event: FcEvent): Request {
  const json = eventJson(event);
  if (isFc3HttpEvent(json)) return fc3EventToRequest(json as unknown as Fc3HttpEvent);
  if (isApiGatewayEvent(json)) return apiGatewayEventToRequest(json as unknown as ApiGatewayEvent);
  throw new UnrecognisedEventError("the event is neither an FC 3.0 HTTP-trigger event nor an API Gateway event");
}

/**
 * The HTTP entry point for FC 3.0 built-in runtimes: translates the event into a Request for the one
 * HTTP app and its Response into the struct FC / API Gateway expect. `compose` runs once per instance.
 */
export function createFcHttpHandler(compose: (context: FcContext) => FcHttpInstance | Promise<FcHttpInstance>, options: FcHandlerOptions = {}) {
  const instance = perInstance(compose);
  return async (event: FcEvent, context: FcContext): Promise<FcHttpResult> => {
    options.onInvoke?.(context);
    const { app, afterInvoke } = await instance(context);
    let request: Request;
    try {
      request = fcEventToRequest(event);
    } catch (error) {
      // Not an HTTP event at all is a wiring mistake the operator must see: it stays a function error.
      if (error instanceof UnrecognisedEventError) throw error;
      // A malformed HTTP event (bad method, a header no HTTP stack accepts) is the caller's mistake: a 400,
      // not a function error whose message and stack FC would show.
      return responseToResult(badEvent(error), "GET");
    }
    const result = await responseToResult(await app.fetch(request), request.method);
    await afterInvoke?.();
    return result;
  };
}

export function badEvent(error: unknown): Response {
  const why = error instanceof Error ? error.message : "unreadable";
  return new Response(`the request could not be read: ${why.slice(0, 200)}`, { status: 400, headers: { "content-type": "text/plain; charset=utf-8" } });
}
