import { createHash } from "node:crypto";
import yauzl from "yauzl";
import { InvalidRequestError, PayloadTooLargeError } from "../errors.js";
import { computePackageHash, isIgnoredPath, sha256Hex, type PackageManifest } from "./package-hash.js";

export interface PackageLimits {
  /** Largest accepted upload, in bytes. */
  maxPackageBytes: number;
  /** Largest total uncompressed size of a zip (guards against zip bombs). */
  maxUnpackedBytes: number;
  maxEntries: number;
}

export const DEFAULT_PACKAGE_LIMITS: PackageLimits = {
  maxPackageBytes: 200 * 1024 * 1024,
  maxUnpackedBytes: 1024 * 1024 * 1024,
  maxEntries: 50_000,
};

export type InspectedPackage =
  | { kind: "zip"; packageHash: string; manifest: PackageManifest; size: number; blobHash: string }
  | { kind: "file"; packageHash: string; manifest: null; size: number; blobHash: string };

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];

export function looksLikeZip(bytes: Uint8Array): boolean {
  return ZIP_MAGIC.every((b, i) => bytes[i] === b);
}

/**
 * Validates a release package and computes its CodePush hash. A zip is read entry by entry (never
 * extracted to disk); unsafe names, duplicates, and oversized contents are refused with a 4xx.
 */
export async function inspectPackage(
  bytes: Uint8Array,
  fileName: string,
  limits: PackageLimits = DEFAULT_PACKAGE_LIMITS,
): Promise<InspectedPackage> {
  if (bytes.length === 0) throw new InvalidRequestError("the package is empty", "package");
  if (bytes.length > limits.maxPackageBytes) {
    throw new PayloadTooLargeError(`the package is ${bytes.length} bytes; the limit is ${limits.maxPackageBytes}`);
  }
  const blobHash = sha256Hex(bytes);
  if (!looksLikeZip(bytes)) {
    if (/\.zip$/i.test(fileName) || (bytes[0] === 0x50 && bytes[1] === 0x4b)) {
      throw new InvalidRequestError(`"${fileName}" is not a valid zip archive`, "package");
    }
    // A single file (a bare JS bundle): its hash is the SHA-256 of its bytes (codepush.md §2.1).
    return { kind: "file", packageHash: blobHash, manifest: null, size: bytes.length, blobHash };
  }
  const manifest = await hashZipEntries(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length), limits);
  const files = Object.keys(manifest).filter((p) => !isIgnoredPath(p));
  if (files.length === 0) throw new InvalidRequestError("the zip archive contains no files", "package");
  return { kind: "zip", packageHash: computePackageHash(manifest), manifest, size: bytes.length, blobHash };
}

/** Checks an entry name before anything is read: relative, forward slashes, no `..` escape. */
export function assertSafeEntryName(name: string): void {
  const bad = (why: string) => new InvalidRequestError(`zip entry "${name.slice(0, 200)}" ${why}`, "package");
  if (name.length === 0) throw bad("has an empty name");
  if (name.includes("\\")) throw bad("uses a backslash; entry names must use '/'");
  if (name.startsWith("/") || /^[A-Za-z]:/.test(name)) throw bad("is an absolute path");
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f]/.test(name)) throw bad("contains a control character");
  if (name.split("/").some((segment) => segment === "..")) throw bad("escapes the package folder with '..'");
}

function hashZipEntries(buffer: Buffer, limits: PackageLimits): Promise<PackageManifest> {
  return new Promise((resolve, reject) => {
    // decodeStrings:false so that our own checks (with clear messages) judge the raw names.
    yauzl.fromBuffer(buffer, { lazyEntries: true, validateEntrySizes: true, decodeStrings: false }, (openError, zip) => {
      if (openError || !zip) {
        reject(new InvalidRequestError(`the package is not a valid zip archive (${openError?.message ?? "unreadable"})`, "package"));
        return;
      }
      const manifest: PackageManifest = Object.create(null) as PackageManifest;
      let entries = 0;
      let unpacked = 0;
      let settled = false;
      const fail = (error: Error) => {
        if (settled) return;
        settled = true;
        zip.close();
        reject(error);
      };
      zip.on("error", (error: Error) =>
        fail(new InvalidRequestError(`the zip archive is corrupt (${error.message})`, "package")),
      );
      zip.on("end", () => {
        if (settled) return;
        settled = true;
        resolve(manifest);
      });
      zip.on("entry", (entry: yauzl.Entry) => {
        try {
          const rawName = entry.fileName as unknown as Buffer;
          const utf8 = (entry.generalPurposeBitFlag & 0x800) !== 0;
          const name = utf8 ? rawName.toString("utf8") : rawName.toString("latin1");
          assertSafeEntryName(name);
          if (++entries > limits.maxEntries) throw new PayloadTooLargeError(`the zip has more than ${limits.maxEntries} entries`);
          if (name.endsWith("/")) {
            zip.readEntry(); // directory entries are not part of the manifest (clients hash files only)
            return;
          }
          if (Object.hasOwn(manifest, name)) throw new InvalidRequestError(`zip entry "${name}" appears twice`, "package");
          unpacked += entry.uncompressedSize;
          if (unpacked > limits.maxUnpackedBytes) {
            throw new PayloadTooLargeError(`the zip unpacks to more than ${limits.maxUnpackedBytes} bytes`);
          }
          zip.openReadStream(entry, (streamError, stream) => {
            if (streamError || !stream) {
              fail(new InvalidRequestError(`zip entry "${name}" cannot be read (${streamError?.message ?? "no data"})`, "package"));
              return;
            }
            const hash = createHash("sha256");
            stream.on("data", (chunk: Buffer) => hash.update(chunk));
            stream.on("error", (error: Error) =>
              fail(new InvalidRequestError(`zip entry "${name}" is corrupt (${error.message})`, "package")),
            );
            stream.on("end", () => {
              manifest[name] = hash.digest("hex");
              zip.readEntry();
            });
          });
        } catch (error) {
          fail(error as Error);
        }
      });
      zip.readEntry();
    });
  });
}
