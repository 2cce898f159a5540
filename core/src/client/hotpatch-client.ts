import { sha256 } from "@noble/hashes/sha2.js";
import { applyPatch } from "../patch/apply-patch.js";
import type { NativeUpdateCheckResult } from "../check/check-update.js";

/**
 * hotpatch's own client, in plain JavaScript (no Node built-ins, no WebAssembly) so that a React
 * Native app can run it under Hermes. The app supplies `fetch` and unzipping; the client picks the
 * smallest download on offer, assembles the new package files, and accepts them only if they hash to
 * the announced package hash.
 */
export type PackageFiles = Map<string, Uint8Array>;

export interface ClientEnvironment {
  /**
   * The app's HTTP client. Behind API Gateway app authentication, sign here: the client calls it for the
   * update check and for every download.
   */
  fetch: (url: string) => Promise<{ ok: boolean; status: number; json(): Promise<unknown>; arrayBuffer(): Promise<ArrayBuffer> }>;
  unzip: (bytes: Uint8Array) => Promise<PackageFiles>;
}

export interface CheckQuery {
  serverUrl: string;
  deploymentKey: string;
  appVersion: string;
  clientUniqueId?: string;
  /** The running package, if it is not the store binary's own bundle. */
  label?: string;
  packageHash?: string;
}

export type UpdateOffer = NonNullable<NativeUpdateCheckResult["update"]>;

export class UpdateVerificationError extends Error {
  readonly code = "update_verification_failed";
  constructor(message: string) {
    super(message);
    this.name = "UpdateVerificationError";
  }
}

export async function checkForUpdate(query: CheckQuery, env: ClientEnvironment): Promise<UpdateOffer | null> {
  const params = new URLSearchParams({ deployment_key: query.deploymentKey, app_version: query.appVersion });
  if (query.clientUniqueId) params.set("client_unique_id", query.clientUniqueId);
  if (query.label) params.set("label", query.label);
  if (query.packageHash) params.set("package_hash", query.packageHash);
  const response = await env.fetch(`${query.serverUrl.replace(/\/+$/, "")}/hotpatch/v1/update_check?${params}`);
  if (!response.ok) throw new Error(`update check failed with HTTP ${response.status}`);
  return ((await response.json()) as NativeUpdateCheckResult).update;
}

/** What was downloaded to build the new package, for telemetry and tests. */
export type DownloadKind = "bundle-patch" | "diff" | "full";

/**
 * Builds the new package's files from `current` and the smallest offered download: the bundle patch
 * (plus the other files' diff), else the CodePush diff, else the full package — each tried only if the
 * smaller one fails. The result is refused unless it hashes to `offer.packageHash`; a patch is also
 * verified by its own hashes, and every download must have exactly its announced size.
 */
export async function downloadUpdate(offer: UpdateOffer, current: PackageFiles | null, env: ClientEnvironment): Promise<{ files: PackageFiles; kind: DownloadKind; bytes: number }> {
  let bytes = 0;
  /** Downloads exactly the announced number of bytes, or fails. */
  const get = async ({ url, size }: { url: string; size: number }) => {
    const response = await env.fetch(url);
    if (!response.ok) throw new Error(`download failed with HTTP ${response.status}`);
    const data = new Uint8Array(await response.arrayBuffer());
    if (data.length !== size) throw new UpdateVerificationError(`downloaded ${data.length} bytes, but ${size} were announced`);
    bytes += data.length;
    return data;
  };
  const accept = (files: PackageFiles, kind: DownloadKind) => {
    const hash = packageHash(files);
    if (hash !== offer.packageHash) throw new UpdateVerificationError(`the assembled package hashes to ${hash}, not ${offer.packageHash}`);
    return { files: withoutUnhashed(files), kind, bytes };
  };

  // Smallest first; a download that fails or does not verify falls back to the next, larger one.
  const patch = offer.bundlePatch;
  const oldBundle = patch && current?.get(patch.bundlePath);
  if (patch && current && oldBundle) {
    try {
      const patchBytes = await get(patch);
      let files = new Map(current);
      if (patch.others) files = overlay(files, await env.unzip(await get(patch.others)));
      files.set(patch.bundlePath, applyPatch(oldBundle, patchBytes));
      return accept(files, "bundle-patch");
    } catch {
      // fall through to the diff package or the full package
    }
  }
  if (offer.diff && current) {
    try {
      return accept(overlay(new Map(current), await env.unzip(await get(offer.diff))), "diff");
    } catch {
      // fall through to the full package
    }
  }
  return accept(await env.unzip(await get(offer.package)), "full");
}

/** Files left out of the package hash are not verified by it: never install them. */
function withoutUnhashed(files: PackageFiles): PackageFiles {
  return new Map([...files].filter(([path]) => !isUnhashed(path)));
}

function isUnhashed(path: string): boolean {
  return path.startsWith("__MACOSX/") || path === ".DS_Store" || path.endsWith("/.DS_Store") || path === ".codepushrelease" || path.endsWith("/.codepushrelease");
}

/** Applies a CodePush diff package: delete `deletedFiles`, overlay the rest (codepush.md §2.4). */
function overlay(files: PackageFiles, diff: PackageFiles): PackageFiles {
  const meta = diff.get("hotcodepush.json");
  if (meta) {
    const { deletedFiles } = JSON.parse(utf8(meta)) as { deletedFiles: string[] };
    for (const path of deletedFiles) files.delete(path);
  }
  for (const [path, data] of diff) if (path !== "hotcodepush.json") files.set(path, data);
  return files;
}

/** The CodePush package hash (codepush.md §2.2), computed as a device does. */
export function packageHash(files: PackageFiles): string {
  const entries: string[] = [];
  for (const [path, data] of files) {
    if (!isUnhashed(path)) entries.push(`${path}:${hex(sha256(data))}`);
  }
  entries.sort();
  return hex(sha256(new TextEncoder().encode(JSON.stringify(entries))));
}

/** UTF-8 decoding without TextDecoder, which Hermes does not have. */
function utf8(bytes: Uint8Array): string {
  let encoded = "";
  for (const b of bytes) encoded += `%${b.toString(16).padStart(2, "0")}`;
  return decodeURIComponent(encoded);
}

function hex(bytes: Uint8Array): string {
  let out = "";
  for (const b of bytes) out += b.toString(16).padStart(2, "0");
  return out;
}
