import type { FcContext } from "./fc-context.js";

/**
 * Runs `compose` once per FC instance (on its first invocation) and shares the result with every later
 * invocation. Concurrent first invocations wait for the same composition; a failed composition is not
 * kept, so the next invocation tries again (as FC does after a failed initializer).
 */
export function perInstance<T>(compose: (context: FcContext) => T | Promise<T>): (context: FcContext) => Promise<T> {
  let pending: Promise<T> | undefined;
  return (context) => {
    if (!pending) {
      pending = Promise.resolve()
        .then(() => compose(context))
        .catch((error: unknown) => {
          pending = undefined;
          throw error;
        });
    }
    return pending;
  };
}
