import { eventSourceContract } from "@hotpatch/core/testing";
import { OssTriggerEventSource } from "@hotpatch/provider-alibaba";
import { startEmulatedOss } from "../support/emulated-oss.js";

/**
 * The store writes through ali-oss to the emulator, whose trigger hands each created object's payload
 * (the Buffer FC would receive) to the source. The trigger has no prefix filter here, so the source's
 * own `src/` filter is what the suite checks.
 */
eventSourceContract("OssTriggerEventSource fed by the OSS emulator's trigger", async () => {
  const source = new OssTriggerEventSource();
  const pending = new Set<Promise<unknown>>();
  const oss = await startEmulatedOss(
    {},
    {
      triggers: [
        {
          deliver: (payload) => {
            const delivery = source.deliver(payload).finally(() => pending.delete(delivery));
            pending.add(delivery);
          },
        },
      ],
    },
  );
  return {
    source,
    store: oss.store,
    settle: async () => {
      while (pending.size > 0) await Promise.all([...pending]);
    },
    cleanup: oss.close,
  };
});
