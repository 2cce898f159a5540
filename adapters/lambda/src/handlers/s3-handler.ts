import type { S3Notification } from "@hotpatch/provider-aws";
import type { Context } from "aws-lambda";
import type { LambdaRuntime } from "../runtime/lambda-runtime.js";
import { withInvocation } from "./invocation-context.js";

export interface S3HandlerResult {
  /** ObjectCreated events under `src/` that ran the upload use case. */
  delivered: number;
}

/** Takes `S3Event` from @types/aws-lambda too (structurally the same notification). */
export type LambdaS3Handler = (event: S3Notification, context: Context) => Promise<S3HandlerResult>;

/**
 * The S3-trigger entry: the notification goes to the runtime's event source, whose subscriber ingests
 * each dropped package. S3 delivers at least once; a duplicate delivery finds its release already made.
 * A failure (storage down) rejects, so that Lambda retries the asynchronous invocation.
 */
export function createS3Handler(runtime: () => Promise<LambdaRuntime>): LambdaS3Handler {
  return (event, context) =>
    withInvocation(context, async () => {
      const { events, settle } = await runtime();
      try {
        return { delivered: await events.dispatch(event) };
      } finally {
        await settle();
      }
    });
}
