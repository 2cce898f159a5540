import { randomBytes } from "node:crypto";
import type { Logger } from "../ports/logger.port.js";
import type { ObjectStore } from "../ports/object-store.port.js";

/** Counter names, as CodePush stores them: `<label or app version>:<Status>`. */
export type CounterStatus = "Active" | "Downloaded" | "DeploymentSucceeded" | "DeploymentFailed";
export type Counters = Record<string, number>;

export interface LabelMetrics {
  active: number;
  downloaded?: number;
  failed?: number;
  installed?: number;
}

/**
 * Device-report counters without read-modify-write: each instance buffers increments in memory and
 * periodically writes them as a new, uniquely named delta object (`metrics/<deploymentId>/…`). Reading
 * sums the deltas (plus what is still buffered here). No write can lose another's increments.
 */
export class MetricsStore {
  private pending = new Map<string, Counters>();
  private readonly instance = randomBytes(6).toString("hex");
  private sequence = 0;
  private flushing: Promise<void> = Promise.resolve();

  constructor(
    private readonly store: ObjectStore,
    private readonly logger: Logger,
    private readonly now: () => number = Date.now,
  ) {}

  increment(deploymentId: string, counter: string, by = 1): void {
    const counters = this.pending.get(deploymentId) ?? Object.create(null) as Counters;
    counters[counter] = (counters[counter] ?? 0) + by;
    this.pending.set(deploymentId, counters);
  }

  /** Writes buffered increments. Safe to call often; failures keep the increments for the next try. */
  flush(): Promise<void> {
    this.flushing = this.flushing.then(() => this.flushNow());
    return this.flushing;
  }

  async read(deploymentId: string): Promise<Counters> {
    await this.flushing;
    const total: Counters = Object.create(null) as Counters;
    for (const info of await this.store.list(`metrics/${deploymentId}/`)) {
      const object = await this.store.get(info.key);
      if (!object) continue;
      add(total, JSON.parse(new TextDecoder().decode(object.body)) as Counters);
    }
    add(total, this.pending.get(deploymentId) ?? {});
    return total;
  }

  /** Removes every counter of a deployment (history clear, deployment delete). */
  async clear(deploymentId: string): Promise<void> {
    await this.flushing;
    this.pending.delete(deploymentId);
    for (const info of await this.store.list(`metrics/${deploymentId}/`)) await this.store.delete(info.key);
  }

  private async flushNow(): Promise<void> {
    const batch = this.pending;
    this.pending = new Map();
    for (const [deploymentId, counters] of batch) {
      const key = `metrics/${deploymentId}/${String(this.now()).padStart(15, "0")}-${this.instance}-${++this.sequence}.json`;
      try {
        await this.store.put(key, new TextEncoder().encode(JSON.stringify(counters)), { contentType: "application/json" });
      } catch (error) {
        for (const [counter, value] of Object.entries(counters)) this.increment(deploymentId, counter, value);
        this.logger.warn("metrics flush failed; will retry", { deploymentId, error });
      }
    }
  }
}

function add(total: Counters, delta: Counters): void {
  for (const [counter, value] of Object.entries(delta)) {
    if (typeof value === "number" && Number.isFinite(value)) total[counter] = (total[counter] ?? 0) + value;
  }
}

/** CodePush's metrics view: labels get all four integers, binary app versions only `active`. */
export function toLabelMetrics(counters: Counters): Record<string, LabelMetrics> {
  const result: Record<string, LabelMetrics> = {};
  for (const [field, value] of Object.entries(counters)) {
    const split = field.lastIndexOf(":");
    const key = field.slice(0, split);
    const status = field.slice(split + 1) as CounterStatus;
    const isLabel = /^v\d+$/.test(key);
    const entry = (result[key] ??= isLabel ? { active: 0, downloaded: 0, failed: 0, installed: 0 } : { active: 0 });
    if (status === "Active") entry.active += value;
    else if (isLabel && status === "Downloaded") entry.downloaded = (entry.downloaded ?? 0) + value;
    else if (isLabel && status === "DeploymentSucceeded") entry.installed = (entry.installed ?? 0) + value;
    else if (isLabel && status === "DeploymentFailed") entry.failed = (entry.failed ?? 0) + value;
  }
  return result;
}
