import type { BlobRef, BundlePatch, Release } from "../domain/release.js";
import type { PackageManifest } from "../package/package-hash.js";
import { createPatch } from "../patch/create-patch.js";
import { PATCH_CONTENT_TYPE } from "../patch/patch-format.js";
import type { ObjectStore } from "../ports/object-store.port.js";
import { buildDiffPackage, verifyDiffPackage } from "./diff-package.js";
import { readZipEntries } from "./zip-entries.js";

/** The JS / Hermes bundle of a package: `*.bundle` or `*.jsbundle` outside the asset folders. */
export function findBundlePath(manifest: PackageManifest): string | undefined {
  return Object.keys(manifest)
    .filter((path) => /\.(jsbundle|bundle)$/.test(path) && !/\/(assets|drawable-[^/]+|raw)\//.test(path))
    .sort((a, b) => a.length - b.length || (a < b ? -1 : 1))[0];
}

export interface BundlePatchInput {
  release: Release;
  target: PackageManifest;
  targetZip: Uint8Array;
  base: { packageHash: string; manifest: PackageManifest; zip: () => Promise<Uint8Array | undefined> };
}

/**
 * For hotpatch's own client: a binary patch of the bundle (when the bundle changed and the patch is
 * small enough to offer) plus a diff package of the other changed files, verified together against
 * the release's package hash. Null when there is nothing worth offering.
 */
export async function buildBundlePatch(store: ObjectStore, { release, target, targetZip, base }: BundlePatchInput): Promise<BundlePatch | null> {
  const bundlePath = findBundlePath(target);
  if (!bundlePath || !base.manifest[bundlePath] || base.manifest[bundlePath] === target[bundlePath]) return null;
  const fromHash = base.manifest[bundlePath] as string;
  const toHash = target[bundlePath] as string;
  const baseZip = await base.zip();
  if (!baseZip) return null;
  const oldBundle = (await readZipEntries(baseZip, new Set([bundlePath]))).get(bundlePath);
  const newBundle = (await readZipEntries(targetZip, new Set([bundlePath]))).get(bundlePath);
  if (!oldBundle || !newBundle) return null;

  const others = await buildDiffPackage(base.manifest, target, targetZip, bundlePath);
  if (others && !(await verifyDiffPackage(base.manifest, others, release.packageHash, { [bundlePath]: toHash }))) return null;
  const created = await createPatch(oldBundle, newBundle, { fullPackageBytes: Math.max(1, release.size - (others?.length ?? 0)) });
  if (!created.offered) return null;

  const patchKey = `patches/${fromHash}/${toHash}.hpat`;
  await store.putIfAbsent(patchKey, created.bytes, { contentType: PATCH_CONTENT_TYPE });
  let othersRef: BlobRef | undefined;
  if (others) {
    const key = `diffs/${base.packageHash}/${release.packageHash}.others.zip`;
    await store.putIfAbsent(key, others, { contentType: "application/zip" });
    othersRef = { blobKey: key, size: others.length };
  }
  return {
    patch: { blobKey: patchKey, size: created.bytes.length },
    bundlePath,
    fromHash,
    toHash,
    ...(othersRef ? { others: othersRef } : {}),
  };
}
