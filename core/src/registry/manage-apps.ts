import type { App, Deployment } from "../domain/registry.js";
import { assertValidName, isWellFormedKey } from "../domain/validation.js";
import { ConflictError, InvalidRequestError } from "../errors.js";
import type { DeploymentHistories } from "../history/deployment-histories.js";
import type { Logger } from "../ports/logger.port.js";
import { sha256Hex } from "../package/package-hash.js";
import { findApp, findDeployment, generateId, generateKey, type Registry } from "./registry.js";

export const DEFAULT_DEPLOYMENTS = ["Production", "Staging"] as const;

export interface AppView {
  app: App;
  deployments: Deployment[];
}

/** Management of apps and their deployments (CodePush management API §3.3). */
export class ManageApps {
  constructor(
    private readonly registry: Registry,
    private readonly histories: DeploymentHistories,
    private readonly logger: Logger,
    private readonly now: () => number = Date.now,
  ) {}

  async list(): Promise<AppView[]> {
    const { state } = await this.registry.read();
    return state.apps
      .map((app) => ({ app, deployments: sortByName(state.deployments.filter((d) => d.appId === app.id)) }))
      .sort((a, b) => compare(a.app.name, b.app.name));
  }

  async get(appName: string): Promise<AppView> {
    const { state } = await this.registry.read();
    const app = findApp(state, appName);
    return { app, deployments: sortByName(state.deployments.filter((d) => d.appId === app.id)) };
  }

  async create(name: unknown, options: { manuallyProvisionDeployments?: boolean } = {}): Promise<AppView> {
    assertValidName(name, "name");
    const app: App = { id: generateId(), name, createdTime: this.now() };
    const deployments = options.manuallyProvisionDeployments
      ? []
      : DEFAULT_DEPLOYMENTS.map((d) => this.newDeployment(app.id, d));
    await this.registry.append((state) => {
      if (state.apps.some((a) => a.name === name)) throw new ConflictError(`an app named "${name}" already exists`);
      return { type: "appCreated", app, deployments };
    });
    this.logger.info("app created", { app: name });
    return { app, deployments: sortByName(deployments) };
  }

  async rename(appName: string, newName: unknown): Promise<AppView> {
    assertValidName(newName, "name");
    await this.registry.append((state) => {
      const app = findApp(state, appName);
      if (appName === newName) return null;
      if (state.apps.some((a) => a.name === newName)) throw new ConflictError(`an app named "${newName}" already exists`);
      return { type: "appRenamed", appId: app.id, name: newName };
    });
    return this.get(newName);
  }

  async remove(appName: string): Promise<void> {
    let removed: Deployment[] = [];
    await this.registry.append((state) => {
      const app = findApp(state, appName);
      removed = state.deployments.filter((d) => d.appId === app.id);
      return { type: "appDeleted", appId: app.id };
    });
    for (const d of removed) this.histories.forget(d.id);
    this.logger.info("app deleted", { app: appName });
  }

  async listDeployments(appName: string): Promise<Deployment[]> {
    return (await this.get(appName)).deployments;
  }

  async getDeployment(appName: string, deploymentName: string): Promise<Deployment> {
    return (await this.registry.requireDeployment(appName, deploymentName)).deployment;
  }

  async createDeployment(appName: string, name: unknown, key?: unknown): Promise<Deployment> {
    assertValidName(name, "name");
    if (key !== undefined && key !== null && (typeof key !== "string" || !isWellFormedKey(key))) {
      throw new InvalidRequestError("key must be 10-100 characters of letters, digits, '_' or '-'", "key");
    }
    let created: Deployment | undefined;
    await this.registry.append((state) => {
      const app = findApp(state, appName);
      if (state.deployments.some((d) => d.appId === app.id && d.name === name)) {
        throw new ConflictError(`deployment "${name}" already exists in app "${appName}"`);
      }
      const deployment = this.newDeployment(app.id, name, typeof key === "string" ? key : undefined);
      // Deployment keys are public (built into apps): one must never double as an access key.
      if (state.deployments.some((d) => d.key === deployment.key) || state.accessKeys.some((k) => k.secretHash === sha256Hex(deployment.key))) {
        throw new ConflictError("that deployment key is already in use");
      }
      created = deployment;
      return { type: "deploymentCreated", deployment };
    });
    this.logger.info("deployment created", { app: appName, deployment: name });
    return created as Deployment;
  }

  async renameDeployment(appName: string, deploymentName: string, newName: unknown): Promise<Deployment> {
    assertValidName(newName, "name");
    await this.registry.append((state) => {
      const { app, deployment } = findDeployment(state, appName, deploymentName);
      if (deploymentName === newName) return null;
      if (state.deployments.some((d) => d.appId === app.id && d.name === newName)) {
        throw new ConflictError(`deployment "${newName}" already exists in app "${appName}"`);
      }
      return { type: "deploymentRenamed", deploymentId: deployment.id, name: newName };
    });
    return this.getDeployment(appName, newName);
  }

  async removeDeployment(appName: string, deploymentName: string): Promise<void> {
    let id = "";
    await this.registry.append((state) => {
      id = findDeployment(state, appName, deploymentName).deployment.id;
      return { type: "deploymentDeleted", deploymentId: id };
    });
    this.histories.forget(id);
    this.logger.info("deployment deleted", { app: appName, deployment: deploymentName });
  }

  private newDeployment(appId: string, name: string, key?: string): Deployment {
    return { id: generateId(), appId, name, key: key ?? generateKey(), createdTime: this.now() };
  }
}

function sortByName<T extends { name: string }>(items: T[]): T[] {
  return [...items].sort((a, b) => compare(a.name, b.name));
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
