import type { ObjectStore } from "@hotpatch/core";
import { dropMetadata, type AcceptanceDriver, type AcceptanceFixture } from "@hotpatch/core/testing";
import { httpDriver, type Send } from "@hotpatch/http/testing";
import type { LambdaInvoker } from "@hotpatch/provider-aws/invoke";
import { API_SHAPES, apiBaseUrl, type ApiShape } from "./api-shapes.js";
import { s3PutNotification } from "./s3-events.js";
import { invokeSend } from "./send.js";

export interface InvokeRunnerOptions {
  /** client-lambda pointed at the account (or at a local Invoke endpoint). */
  invoker: LambdaInvoker;
  /** Names (or ARNs) of the deployed HTTP and S3-trigger functions. */
  httpFunction: string;
  s3Function: string;
  /** The stack's bucket, through an S3ObjectStore with the tester's credentials (drops, and the suite's state checks). */
  store: ObjectStore;
  bucket: string;
  /** A management access key of the stack (its bootstrap key). */
  accessKey: string;
  /** The event shape the HTTP function receives (default: the HTTP API's 2.0 events). */
  shape?: ApiShape;
  /** Downloads go to S3 / CloudFront: allow leaving the machine (a real account). */
  allowRemoteFetch?: boolean;
}

/**
 * The portability runner: the acceptance suite against a *deployed* stack, touching it only as AWS
 * would — HTTP requests become API Gateway events sent with InvokeCommand to the HTTP function, drops are
 * objects put into the bucket plus the S3 notification sent with InvokeCommand to the S3 function
 * (twice on request; a real bucket's own notification adds one more delivery, which must change nothing).
 * Apps the suite creates are deleted afterwards, so a stack can be reused.
 */
export function invokeRunnerFixture(options: InvokeRunnerOptions): AcceptanceFixture & { send: Send; driver: AcceptanceDriver } {
  const shape = options.shape ?? API_SHAPES["http-api-v2"];
  const send = invokeSend(options.invoker, options.httpFunction, shape, { allowRemoteFetch: options.allowRemoteFetch ?? false });
  const baseUrl = apiBaseUrl(shape);
  const base = httpDriver(baseUrl, options.accessKey, send);
  const created: string[] = [];
  const driver: AcceptanceDriver = {
    ...base,
    async createApp(name) {
      const result = await base.createApp(name);
      created.push(name);
      return result;
    },
    async drop(app, deployment, request, dropOptions = {}) {
      const key = `src/${app}/${deployment}/${request.fileName}`;
      const info = await options.store.put(key, request.bytes, { contentType: "application/zip", metadata: dropMetadata(request) });
      const notification = s3PutNotification(options.bucket, info);
      await options.invoker.invoke(options.s3Function, notification);
      if (dropOptions.deliverTwice) await options.invoker.invoke(options.s3Function, notification);
    },
  };
  return {
    driver,
    store: options.store,
    send,
    async cleanup() {
      for (const name of created.splice(0)) {
        await send(new Request(`${baseUrl}/apps/${encodeURIComponent(name)}`, { method: "DELETE", headers: { Authorization: `Bearer ${options.accessKey}` } }));
      }
    },
  };
}
