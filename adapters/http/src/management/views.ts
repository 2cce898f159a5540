import type { AccessKey, AppView, Binary, Deployment, ObjectStore, Release } from "@hotpatch/core";

/** A release as the CodePush management API shows it (`package`). */
export async function packageView(release: Release, store: ObjectStore, options: { rolloutAsHundred?: boolean } = {}) {
  const diffPackageMap = release.diffPackageMap
    ? Object.fromEntries(
        await Promise.all(
          Object.entries(release.diffPackageMap).map(async ([hash, d]) => [hash, { url: await store.downloadUrl(d.blobKey), size: d.size }] as const),
        ),
      )
    : undefined;
  return {
    appVersion: release.appVersion,
    blobUrl: await store.downloadUrl(release.blobKey),
    description: release.description,
    ...(diffPackageMap ? { diffPackageMap } : {}),
    isDisabled: release.isDisabled,
    isMandatory: release.isMandatory,
    label: release.label,
    ...(release.originalDeployment ? { originalDeployment: release.originalDeployment } : {}),
    ...(release.originalLabel ? { originalLabel: release.originalLabel } : {}),
    packageHash: release.packageHash,
    ...(release.releasedBy ? { releasedBy: release.releasedBy } : {}),
    releaseMethod: release.releaseMethod,
    rollout: release.rollout ?? (options.rolloutAsHundred ? 100 : null),
    size: release.size,
    uploadTime: release.uploadTime,
  };
}

export function appView(view: AppView, ownerEmail: string) {
  return {
    name: view.app.name,
    collaborators: { [ownerEmail]: { isCurrentAccount: true, permission: "Owner" } },
    deployments: view.deployments.map((d) => d.name),
  };
}

export async function deploymentView(deployment: Deployment, latest: Release | undefined, store: ObjectStore) {
  return {
    name: deployment.name,
    key: deployment.key,
    createdTime: deployment.createdTime,
    id: deployment.id,
    package: latest ? await packageView(latest, store, { rolloutAsHundred: true }) : null,
  };
}

/** The secret is never shown after creation (CodePush shows "(hidden)"). */
export function accessKeyView(key: AccessKey) {
  return {
    name: "(hidden)",
    id: key.id,
    friendlyName: key.friendlyName,
    description: key.friendlyName,
    createdBy: key.createdBy,
    createdTime: key.createdTime,
    expires: key.expires,
    ...(key.isSession ? { isSession: true } : {}),
  };
}

export function binaryView(binary: Binary) {
  return { platform: binary.platform, appVersion: binary.appVersion, packageHash: binary.packageHash, createdTime: binary.createdTime };
}
