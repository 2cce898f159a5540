import { AsyncLocalStorage } from "node:async_hooks";
import type { LogFields } from "@hotpatch/core";
import type { Context } from "aws-lambda";

interface Invocation {
  requestId: string;
}

const current = new AsyncLocalStorage<Invocation>();

/** Runs one invocation's work with its request id visible to the logger (see `invocationLogFields`). */
export function withInvocation<T>(context: Pick<Context, "awsRequestId">, work: () => Promise<T>): Promise<T> {
  return current.run({ requestId: context.awsRequestId }, work);
}

/**
 * The fields every log line of the current invocation carries. The composition (and its logger) is built
 * once per container and shared by invocations, so the request id cannot be a logger binding.
 */
export function invocationLogFields(): LogFields | undefined {
  const invocation = current.getStore();
  return invocation ? { requestId: invocation.requestId } : undefined;
}
