import { CliError } from "../errors.js";
import { httpError, readJson, unreachable, type Connection } from "./responses.js";
import type {
  BinaryInfo,
  AccessKey,
  App,
  Deployment,
  DeploymentMetrics,
  PackageInfoUpdate,
  ReleasedPackage,
  ReleaseInfo,
} from "./types.js";
import { postMultipart, type UploadFile } from "./upload.js";

/** Same media type the CodePush CLI asks for, so the server sees us as it sees that CLI. */
const ACCEPT = "application/vnd.code-push.v2+json";

type Method = "GET" | "POST" | "PATCH" | "DELETE";

/** Typed calls to the CodePush management API (codepush.md §3); every failure is a `CliError`. */
export class ManagementClient {
  constructor(
    readonly connection: Connection,
    private readonly fetchImpl: typeof fetch = fetch,
  ) {}

  async authenticated(): Promise<void> {
    await this.json("GET", "/authenticated", "authenticated");
  }

  // --- apps -------------------------------------------------------------------------------------

  async listApps(): Promise<App[]> {
    return (await this.json("GET", "/apps", "apps")) as App[];
  }

  async addApp(name: string): Promise<App> {
    return (await this.json("POST", "/apps", "app", { name })) as App;
  }

  async renameApp(app: string, name: string): Promise<App> {
    return (await this.json("PATCH", path`/apps/${app}`, "app", { name })) as App;
  }

  async removeApp(app: string): Promise<void> {
    await this.send("DELETE", path`/apps/${app}`);
  }

  // --- deployments ------------------------------------------------------------------------------

  async listDeployments(app: string): Promise<Deployment[]> {
    return (await this.json("GET", path`/apps/${app}/deployments`, "deployments")) as Deployment[];
  }

  async addDeployment(app: string, name: string, key?: string): Promise<Deployment> {
    const body = key === undefined ? { name } : { name, key };
    return (await this.json("POST", path`/apps/${app}/deployments`, "deployment", body)) as Deployment;
  }

  async renameDeployment(app: string, deployment: string, name: string): Promise<Deployment> {
    return (await this.json("PATCH", path`/apps/${app}/deployments/${deployment}`, "deployment", {
      name,
    })) as Deployment;
  }

  async removeDeployment(app: string, deployment: string): Promise<void> {
    await this.send("DELETE", path`/apps/${app}/deployments/${deployment}`);
  }

  async history(app: string, deployment: string): Promise<ReleasedPackage[]> {
    return (await this.json(
      "GET",
      path`/apps/${app}/deployments/${deployment}/history`,
      "history",
    )) as ReleasedPackage[];
  }

  async clearHistory(app: string, deployment: string): Promise<void> {
    await this.send("DELETE", path`/apps/${app}/deployments/${deployment}/history`);
  }

  async metrics(app: string, deployment: string): Promise<DeploymentMetrics> {
    return (await this.json(
      "GET",
      path`/apps/${app}/deployments/${deployment}/metrics`,
      "metrics",
    )) as DeploymentMetrics;
  }

  // --- releases ---------------------------------------------------------------------------------

  async release(
    app: string,
    deployment: string,
    file: UploadFile,
    info: ReleaseInfo,
    onProgress?: (sentBytes: number) => void,
  ): Promise<ReleasedPackage> {
    const url = this.url(path`/apps/${app}/deployments/${deployment}/release`);
    let response: Response;
    try {
      response = await postMultipart(
        { url, headers: this.headers(), file, fields: { packageInfo: JSON.stringify(info) } },
        this.fetchImpl,
        onProgress,
      );
    } catch (error) {
      if (error instanceof CliError) throw error;
      throw unreachable(this.connection.server, error);
    }
    if (!response.ok) throw await httpError(response, this.connection);
    return (await readJson(response, "package", this.connection)).package as ReleasedPackage;
  }

  /** `undefined` when the server answered 204: nothing needed changing. */
  async patchRelease(
    app: string,
    deployment: string,
    packageInfo: PackageInfoUpdate,
  ): Promise<ReleasedPackage | undefined> {
    const response = await this.send("PATCH", path`/apps/${app}/deployments/${deployment}/release`, {
      packageInfo,
    });
    if (response.status === 204) return undefined;
    return (await readJson(response, "package", this.connection)).package as ReleasedPackage;
  }

  async promote(
    app: string,
    source: string,
    destination: string,
    packageInfo: PackageInfoUpdate,
  ): Promise<ReleasedPackage> {
    return (await this.json(
      "POST",
      path`/apps/${app}/deployments/${source}/promote/${destination}`,
      "package",
      { packageInfo },
    )) as ReleasedPackage;
  }

  async rollback(app: string, deployment: string, targetLabel?: string): Promise<ReleasedPackage> {
    const base = path`/apps/${app}/deployments/${deployment}/rollback`;
    const route = targetLabel === undefined ? base : `${base}/${encodeURIComponent(targetLabel)}`;
    return (await this.json("POST", route, "package")) as ReleasedPackage;
  }

  // --- store binaries ---------------------------------------------------------------------------

  async addBinary(app: string, file: UploadFile, info: { platform: string; appVersion: string }): Promise<BinaryInfo> {
    let response: Response;
    try {
      response = await postMultipart(
        { url: this.url(path`/apps/${app}/binaries`), headers: this.headers(), file, fields: { binaryInfo: JSON.stringify(info) } },
        this.fetchImpl,
      );
    } catch (error) {
      if (error instanceof CliError) throw error;
      throw unreachable(this.connection.server, error);
    }
    if (!response.ok) throw await httpError(response, this.connection);
    return (await readJson(response, "binary", this.connection)).binary as BinaryInfo;
  }

  async listBinaries(app: string): Promise<BinaryInfo[]> {
    return (await this.json("GET", path`/apps/${app}/binaries`, "binaries")) as BinaryInfo[];
  }

  async removeBinary(app: string, platform: string, appVersion: string): Promise<void> {
    await this.send("DELETE", path`/apps/${app}/binaries/${platform}/${appVersion}`);
  }

  // --- access keys ------------------------------------------------------------------------------

  async listAccessKeys(): Promise<AccessKey[]> {
    return (await this.json("GET", "/accessKeys", "accessKeys")) as AccessKey[];
  }

  async addAccessKey(friendlyName: string, ttlMs?: number): Promise<AccessKey> {
    const body = ttlMs === undefined ? { friendlyName } : { friendlyName, ttl: ttlMs };
    return (await this.json("POST", "/accessKeys", "accessKey", body)) as AccessKey;
  }

  async removeAccessKey(name: string): Promise<void> {
    await this.send("DELETE", path`/accessKeys/${name}`);
  }

  // --- plumbing ---------------------------------------------------------------------------------

  private async json(method: Method, route: string, key: string, body?: unknown): Promise<unknown> {
    const response = await this.send(method, route, body);
    return (await readJson(response, key, this.connection))[key];
  }

  /** Sends one request and throws unless the status is 2xx. */
  private async send(method: Method, route: string, body?: unknown): Promise<Response> {
    const headers = this.headers();
    if (body !== undefined) headers["Content-Type"] = "application/json;charset=UTF-8";
    let response: Response;
    try {
      response = await this.fetchImpl(this.url(route), {
        method,
        headers,
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
    } catch (error) {
      throw unreachable(this.connection.server, error);
    }
    if (!response.ok) throw await httpError(response, this.connection);
    return response;
  }

  private headers(): Record<string, string> {
    return { Authorization: `Bearer ${this.connection.accessKey}`, Accept: ACCEPT };
  }

  private url(route: string): string {
    return `${this.connection.server}${route}`;
  }
}

/** Tagged template that URL-encodes every interpolated path segment (names may hold spaces, `:` …). */
function path(strings: TemplateStringsArray, ...segments: string[]): string {
  return strings.reduce(
    (out, part, i) => out + part + (i < segments.length ? encodeURIComponent(segments[i] ?? "") : ""),
    "",
  );
}
