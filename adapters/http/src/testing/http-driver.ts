import type { LabelMetrics, UpdateCheckResult } from "@hotpatch/core";
import { DriverError, type AcceptanceDriver, type ReleaseRequest, type ReleaseSummary } from "@hotpatch/core/testing";

/** Sends one request somewhere: global fetch, or a translation into an FC / Lambda event. */
export type Send = (request: Request) => Promise<Response>;

/** A `package` object of the management API carries at least the summary's fields. */
type PackageJson = ReleaseSummary;

function summary(p: PackageJson): ReleaseSummary {
  return {
    label: p.label,
    packageHash: p.packageHash,
    appVersion: p.appVersion,
    isMandatory: p.isMandatory,
    isDisabled: p.isDisabled,
    // The API shows a complete rollout as 100 (or null in history); the suite speaks of null.
    rollout: p.rollout === 100 ? null : p.rollout,
    releaseMethod: p.releaseMethod,
    ...(p.originalLabel ? { originalLabel: p.originalLabel } : {}),
    size: p.size,
  };
}

/**
 * The acceptance driver over the HTTP API: management calls with the access key, device calls on the
 * v0.1 CodePush paths exactly as SDK4 sends them. `send` decides where requests go.
 */
export function httpDriver(baseUrl: string, accessKey: string, send: Send = (r) => fetch(r)): AcceptanceDriver {
  const base = baseUrl.replace(/\/+$/, "");
  const call = async (method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Response> => {
    const init: RequestInit = { method, headers: { Authorization: `Bearer ${accessKey}`, ...headers } };
    if (body instanceof FormData) init.body = body;
    else if (body !== undefined) {
      init.body = JSON.stringify(body);
      (init.headers as Record<string, string>)["Content-Type"] = "application/json";
    }
    const response = await send(new Request(`${base}${path}`, init));
    if (response.status >= 400) throw new DriverError(response.status, await response.text());
    return response;
  };
  const json = async <T>(method: string, path: string, body?: unknown): Promise<T> => (await (await call(method, path, body)).json()) as T;
  const enc = encodeURIComponent;

  return {
    async createApp(name) {
      await call("POST", "/apps", { name });
      const { deployments } = await json<{ deployments: Array<{ name: string; key: string }> }>("GET", `/apps/${enc(name)}/deployments`);
      return { deploymentKeys: Object.fromEntries(deployments.map((d) => [d.name, d.key])) };
    },
    async release(app, deployment, request: ReleaseRequest) {
      const form = new FormData();
      form.append("package", new Blob([Uint8Array.from(request.bytes)]), request.fileName);
      form.append(
        "packageInfo",
        JSON.stringify({
          appVersion: request.appVersion,
          description: request.description ?? null,
          isMandatory: request.isMandatory ?? false,
          isDisabled: request.isDisabled ?? false,
          rollout: request.rollout ?? 100,
        }),
      );
      const { package: p } = await json<{ package: PackageJson }>("POST", `/apps/${enc(app)}/deployments/${enc(deployment)}/release`, form);
      return summary(p);
    },
    async promote(app, source, destination, options = {}) {
      const packageInfo = { ...(options.label ? { label: options.label } : {}), ...(options.rollout !== undefined ? { rollout: options.rollout } : {}), ...(options.isMandatory !== undefined ? { isMandatory: options.isMandatory } : {}) };
      const { package: p } = await json<{ package: PackageJson }>("POST", `/apps/${enc(app)}/deployments/${enc(source)}/promote/${enc(destination)}`, { packageInfo });
      return summary(p);
    },
    async rollback(app, deployment, label) {
      const { package: p } = await json<{ package: PackageJson }>("POST", `/apps/${enc(app)}/deployments/${enc(deployment)}/rollback${label ? `/${enc(label)}` : ""}`);
      return summary(p);
    },
    async patch(app, deployment, label, changes) {
      const response = await call("PATCH", `/apps/${enc(app)}/deployments/${enc(deployment)}/release`, { packageInfo: { label: label ?? null, ...changes } });
      if (response.status === 204) return null;
      return summary(((await response.json()) as { package: PackageJson }).package);
    },
    async history(app, deployment) {
      const { history } = await json<{ history: PackageJson[] }>("GET", `/apps/${enc(app)}/deployments/${enc(deployment)}/history`);
      return history.map(summary);
    },
    async metrics(app, deployment) {
      return (await json<{ metrics: Record<string, LabelMetrics> }>("GET", `/apps/${enc(app)}/deployments/${enc(deployment)}/metrics`)).metrics;
    },
    async check(query) {
      const response = await send(new Request(`${base}/v0.1/public/codepush/update_check?${new URLSearchParams(query)}`, { headers: { Accept: "application/json" } }));
      if (response.status >= 400) throw new DriverError(response.status, await response.text());
      const { update_info: u } = (await response.json()) as { update_info: SnakeUpdateInfo };
      const result: UpdateCheckResult = {
        downloadURL: u.download_url,
        description: u.description,
        isAvailable: u.is_available,
        isMandatory: u.is_mandatory,
        appVersion: u.app_version,
        packageHash: u.package_hash,
        label: u.label,
        packageSize: u.package_size,
        updateAppVersion: u.update_app_version,
        shouldRunBinaryVersion: u.should_run_binary_version,
        target_binary_range: u.target_binary_range,
      };
      return result;
    },
    async download(url) {
      const response = await send(new Request(url, { headers: { "Accept-Encoding": "identity" } }));
      if (response.status !== 200) throw new DriverError(response.status, await response.text());
      const bytes = new Uint8Array(await response.arrayBuffer());
      const length = response.headers.get("content-length");
      // Android refuses a download whose byte count differs from Content-Length.
      if (length !== null && Number(length) !== bytes.length) throw new DriverError(502, `Content-Length ${length} but ${bytes.length} bytes`);
      return bytes;
    },
    async reportDeploy(body) {
      await device(send, `${base}/v0.1/public/codepush/report_status/deploy`, body);
    },
    async reportDownload(body) {
      await device(send, `${base}/v0.1/public/codepush/report_status/download`, body);
    },
  };
}

interface SnakeUpdateInfo {
  download_url: string;
  description: string;
  is_available: boolean;
  is_mandatory: boolean;
  app_version: string;
  package_hash: string;
  label: string;
  package_size: number;
  update_app_version: boolean;
  should_run_binary_version: boolean;
  target_binary_range: string;
}

async function device(send: Send, url: string, body: Record<string, string>): Promise<void> {
  const response = await send(
    new Request(url, { method: "POST", body: JSON.stringify(body), headers: { "Content-Type": "application/json", "X-CodePush-SDK-Version": "4.2.3" } }),
  );
  const text = await response.text();
  if (response.status >= 400) throw new DriverError(response.status, text);
  if (text !== "OK") throw new DriverError(502, `report answered ${JSON.stringify(text)} instead of OK`);
}
