import { randomBytes } from "node:crypto";
import type { App, Deployment } from "../domain/registry.js";
import { NotFoundError } from "../errors.js";
import { EventLog, type EventLogOptions, type LogView } from "../log/event-log.js";
import type { ObjectStore } from "../ports/object-store.port.js";
import type { RegistryEvent, RegistryState } from "./registry-events.js";
import { registryReducer } from "./registry-reducer.js";

export interface ResolvedDeployment {
  app: App;
  deployment: Deployment;
}

/** Reads and appends the server-wide registry log (`registry/`). */
export class Registry {
  private readonly log: EventLog<RegistryEvent, RegistryState>;
  private keyIndex: { seq: number; byKey: Map<string, ResolvedDeployment> } | undefined;
  private lastMissRefresh = 0;

  constructor(
    store: ObjectStore,
    options: EventLogOptions = {},
    private readonly now: () => number = Date.now,
  ) {
    this.log = new EventLog(store, "registry/", registryReducer, { ...options, now });
  }

  read(maxAgeMs = 0): Promise<LogView<RegistryState>> {
    return this.log.read(maxAgeMs);
  }

  append(decide: (state: RegistryState) => RegistryEvent | null): Promise<LogView<RegistryState>> {
    return this.log.append(decide);
  }

  async requireApp(appName: string): Promise<App> {
    const { state } = await this.read();
    return findApp(state, appName);
  }

  async requireDeployment(appName: string, deploymentName: string): Promise<ResolvedDeployment> {
    const { state } = await this.read();
    return findDeployment(state, appName, deploymentName);
  }

  /**
   * The deployment a device's key belongs to, from a cached view (the update check's hot path). An
   * unknown key refreshes the view at most once a second, so a key created by another instance is
   * found quickly while random keys cannot make every request hit the store.
   */
  async deploymentByKey(key: string, maxAgeMs: number): Promise<ResolvedDeployment | null> {
    const view = await this.read(maxAgeMs);
    const hit = this.index(view).get(key);
    if (hit || this.now() - this.lastMissRefresh < 1000) return hit ?? null;
    this.lastMissRefresh = this.now();
    return this.index(await this.read()).get(key) ?? null;
  }

  private index(view: LogView<RegistryState>): Map<string, ResolvedDeployment> {
    if (this.keyIndex?.seq === view.seq) return this.keyIndex.byKey;
    const apps = new Map(view.state.apps.map((a) => [a.id, a]));
    const byKey = new Map<string, ResolvedDeployment>();
    for (const deployment of view.state.deployments) {
      const app = apps.get(deployment.appId);
      if (app) byKey.set(deployment.key, { app, deployment });
    }
    this.keyIndex = { seq: view.seq, byKey };
    return byKey;
  }
}

export function findApp(state: RegistryState, appName: string): App {
  const app = state.apps.find((a) => a.name === appName);
  if (!app) throw new NotFoundError(`app "${appName}" does not exist`);
  return app;
}

export function findDeployment(state: RegistryState, appName: string, deploymentName: string): ResolvedDeployment {
  const app = findApp(state, appName);
  const deployment = state.deployments.find((d) => d.appId === app.id && d.name === deploymentName);
  if (!deployment) throw new NotFoundError(`deployment "${deploymentName}" does not exist in app "${appName}"`);
  return { app, deployment };
}

/** 32 random bytes, base64url: 43 characters of `[A-Za-z0-9_-]`, valid as a CodePush key. */
export function generateKey(): string {
  return randomBytes(32).toString("base64url");
}

export function generateId(): string {
  return randomBytes(9).toString("base64url");
}
