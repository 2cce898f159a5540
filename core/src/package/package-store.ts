import { StorageError } from "../errors.js";
import type { ObjectStore } from "../ports/object-store.port.js";
import type { InspectedPackage } from "./inspect-package.js";
import type { PackageManifest } from "./package-hash.js";

/** Immutable, content-addressed package blobs and their manifests (`packages/<sha256 of the bytes>`). */
export class PackageStore {
  constructor(private readonly store: ObjectStore) {}

  /** Stores the blob (and manifest) once; storing the same bytes again is a no-op. */
  async save(bytes: Uint8Array, inspected: InspectedPackage): Promise<{ blobKey: string; manifestKey?: string }> {
    const blobKey = `packages/${inspected.blobHash}`;
    const contentType = inspected.kind === "zip" ? "application/zip" : "application/octet-stream";
    if (!(await this.store.head(blobKey))) {
      // Lost race = the same bytes are already there; both outcomes are fine.
      await this.store.putIfAbsent(blobKey, bytes, { contentType });
    }
    if (inspected.kind === "file") return { blobKey };
    const manifestKey = `${blobKey}.manifest.json`;
    const body = new TextEncoder().encode(JSON.stringify(inspected.manifest));
    await this.store.putIfAbsent(manifestKey, body, { contentType: "application/json" });
    return { blobKey, manifestKey };
  }

  async manifest(manifestKey: string): Promise<PackageManifest> {
    const object = await this.store.get(manifestKey);
    if (!object) throw new StorageError(`package manifest ${manifestKey} is missing`);
    return JSON.parse(new TextDecoder().decode(object.body)) as PackageManifest;
  }
}
