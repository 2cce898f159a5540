import type { FcContext, FcEvent } from "./fc-context.js";

export type AsyncFcHandler<R> = (event: FcEvent, context: FcContext) => Promise<R>;
export type FcCallback<R> = (error: Error | null, result?: R) => void;

/**
 * For nodejs ≤ 16 runtimes, which wait for `callback` even from async functions: the same handler in
 * `(event, context, callback)` form. Node 18+ runtimes use the returned promise directly.
 */
export function withCallback<R>(handler: AsyncFcHandler<R>): (event: FcEvent, context: FcContext, callback: FcCallback<R>) => void {
  return (event, context, callback) => {
    handler(event, context).then(
      (result) => callback(null, result),
      (error: unknown) => callback(error instanceof Error ? error : new Error(String(error))),
    );
  };
}
