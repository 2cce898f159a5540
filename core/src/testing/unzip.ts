import { createHash } from "node:crypto";
import yauzl from "yauzl";

/** Extracts a zip into `{path: bytes}` independently of core's own package reader. */
export function unzipToMap(bytes: Uint8Array): Promise<Map<string, Buffer>> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(Buffer.from(bytes), { lazyEntries: true }, (error, zip) => {
      if (error || !zip) return reject(error ?? new Error("unreadable zip"));
      const files = new Map<string, Buffer>();
      zip.on("error", reject);
      zip.on("end", () => resolve(files));
      zip.on("entry", (entry: yauzl.Entry) => {
        if (entry.fileName.endsWith("/")) return zip.readEntry();
        zip.openReadStream(entry, (streamError, stream) => {
          if (streamError || !stream) return reject(streamError ?? new Error("unreadable entry"));
          const chunks: Buffer[] = [];
          stream.on("data", (c: Buffer) => chunks.push(c));
          stream.on("end", () => {
            files.set(entry.fileName, Buffer.concat(chunks));
            zip.readEntry();
          });
          stream.on("error", reject);
        });
      });
      zip.readEntry();
    });
  });
}

/** `{path: sha256}` of extracted files, as a device computes it over its package folder. */
export function manifestOf(files: Map<string, Uint8Array>): Record<string, string> {
  const manifest: Record<string, string> = {};
  for (const [path, data] of files) manifest[path] = createHash("sha256").update(data).digest("hex");
  return manifest;
}

/**
 * What a device does with a downloaded package (codepush.md §2.4): a diff package (it holds
 * `hotcodepush.json`) is applied to the current files — delete `deletedFiles`, overlay the rest —
 * while a full package replaces them.
 */
export function installPackage(current: ReadonlyMap<string, Buffer>, downloaded: ReadonlyMap<string, Buffer>): Map<string, Buffer> {
  const meta = downloaded.get("hotcodepush.json");
  if (!meta) return new Map(downloaded);
  const result = new Map(current);
  for (const path of (JSON.parse(meta.toString("utf8")) as { deletedFiles: string[] }).deletedFiles) result.delete(path);
  for (const [path, data] of downloaded) if (path !== "hotcodepush.json") result.set(path, data);
  return result;
}
