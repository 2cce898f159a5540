import { ERROR_STATUS } from "../error-status.js";
import { isHotpatchError } from "../errors.js";
import type { Release } from "../domain/release.js";
import type { Hotpatch } from "../hotpatch.js";
import type { ObjectStore } from "../ports/object-store.port.js";
import { toLabelMetrics } from "../report/metrics-store.js";
import { DROP_METADATA } from "../upload/ingest-dropped-object.js";
import { DriverError, type AcceptanceDriver, type ReleaseRequest, type ReleaseSummary } from "./acceptance-driver.js";

export function summarize(release: Release): ReleaseSummary {
  return {
    label: release.label,
    packageHash: release.packageHash,
    appVersion: release.appVersion,
    isMandatory: release.isMandatory,
    isDisabled: release.isDisabled,
    rollout: release.rollout,
    releaseMethod: release.releaseMethod,
    ...(release.originalLabel ? { originalLabel: release.originalLabel } : {}),
    size: release.size,
  };
}

/** Store metadata for a drop-zone upload (what `hotpatch` documents for `src/` objects). */
export function dropMetadata(request: ReleaseRequest): Record<string, string> {
  return {
    [DROP_METADATA.targetBinaryRange]: request.appVersion,
    ...(request.description !== undefined ? { [DROP_METADATA.description]: encodeURIComponent(request.description) } : {}),
    ...(request.isMandatory !== undefined ? { [DROP_METADATA.mandatory]: String(request.isMandatory) } : {}),
    ...(request.isDisabled !== undefined ? { [DROP_METADATA.disabled]: String(request.isDisabled) } : {}),
    ...(request.rollout !== undefined ? { [DROP_METADATA.rollout]: String(request.rollout) } : {}),
  };
}

async function translate<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (isHotpatchError(error)) throw new DriverError(ERROR_STATUS[error.code], error.message);
    throw error;
  }
}

/**
 * Drives the use cases in-process: the reference transport. With `drop`, packages are put under `src/`
 * in `store` (an event-emitting store whose trigger runs the ingest use case).
 */
export function useCaseDriver(hotpatch: Hotpatch, store: ObjectStore, options: { drop?: boolean } = {}): AcceptanceDriver {
  const driver: AcceptanceDriver = {
    createApp: (name) =>
      translate(async () => {
        const view = await hotpatch.apps.create(name);
        return { deploymentKeys: Object.fromEntries(view.deployments.map((d) => [d.name, d.key])) };
      }),
    release: (app, deployment, request) =>
      translate(async () => {
        const { release } = await hotpatch.upload.execute({
          appName: app,
          deploymentName: deployment,
          bytes: request.bytes,
          fileName: request.fileName,
          options: {
            appVersion: request.appVersion,
            ...(request.description !== undefined ? { description: request.description } : {}),
            ...(request.isMandatory !== undefined ? { isMandatory: request.isMandatory } : {}),
            ...(request.isDisabled !== undefined ? { isDisabled: request.isDisabled } : {}),
            ...(request.rollout !== undefined ? { rollout: request.rollout } : {}),
          },
        });
        return summarize(release);
      }),
    promote: (app, source, destination, o = {}) =>
      translate(async () =>
        summarize(
          await hotpatch.publish.promote(app, source, destination, o.label, {
            ...(o.rollout !== undefined ? { rollout: o.rollout } : {}),
            ...(o.isMandatory !== undefined ? { isMandatory: o.isMandatory } : {}),
          }),
        ),
      ),
    rollback: (app, deployment, label) => translate(async () => summarize(await hotpatch.publish.rollback(app, deployment, label))),
    patch: (app, deployment, label, changes) =>
      translate(async () => {
        const patched = await hotpatch.publish.patch(app, deployment, label, changes);
        return patched ? summarize(patched) : null;
      }),
    history: (app, deployment) => translate(async () => (await hotpatch.publish.history(app, deployment)).map(summarize)),
    metrics: (app, deployment) =>
      translate(async () => {
        const { deployment: d } = await hotpatch.registry.requireDeployment(app, deployment);
        return toLabelMetrics(await hotpatch.metrics.read(d.id));
      }),
    check: (query) =>
      translate(() =>
        hotpatch.check.execute({
          deploymentKey: query.deployment_key ?? null,
          appVersion: query.app_version ?? null,
          packageHash: query.package_hash ?? null,
          label: query.label ?? null,
          isCompanion: query.is_companion ?? null,
          clientUniqueId: query.client_unique_id ?? null,
        }),
      ),
    download: async (url) => {
      const response = await fetch(url).catch(() => undefined);
      if (response?.ok) return new Uint8Array(await response.arrayBuffer());
      // Stores without an HTTP endpoint (in-process runs): resolve the URL back to the blob key.
      const key = decodeURIComponent(new URL(url).pathname.replace(/^.*?\/storage\//, ""));
      const object = await store.get(key);
      if (!object) throw new DriverError(404, `no object behind ${url}`);
      return object.body;
    },
    reportDeploy: (body) =>
      translate(() =>
        hotpatch.report.deploy({
          deploymentKey: body.deployment_key,
          appVersion: body.app_version,
          clientUniqueId: body.client_unique_id,
          label: body.label,
          status: body.status,
          previousLabelOrAppVersion: body.previous_label_or_app_version,
          previousDeploymentKey: body.previous_deployment_key,
          sdkVersion: "4.2.3",
        }),
      ),
    reportDownload: (body) =>
      translate(() => hotpatch.report.download({ deploymentKey: body.deployment_key, label: body.label, clientUniqueId: body.client_unique_id })),
  };
  if (options.drop) {
    driver.drop = async (app, deployment, request, o = {}) => {
      const key = `src/${app}/${deployment}/${request.fileName}`;
      const info = await store.put(key, request.bytes, { contentType: "application/zip", metadata: dropMetadata(request) });
      // A duplicate delivery: the platform fires the same event again.
      if (o.deliverTwice) await hotpatch.ingest.handle({ type: "ObjectCreated", key, size: info.size, etag: info.etag });
    };
  }
  return driver;
}
