import yauzl from "yauzl";
import yazl from "yazl";
import { StorageError } from "../errors.js";

/** Reads the named file entries (all files when `wanted` is absent) of an already validated zip. */
export function readZipEntries(zipBytes: Uint8Array, wanted?: ReadonlySet<string>): Promise<Map<string, Buffer>> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(Buffer.from(zipBytes.buffer, zipBytes.byteOffset, zipBytes.length), { lazyEntries: true }, (error, zip) => {
      if (error || !zip) return reject(new StorageError("a stored package is not a readable zip", { cause: error }));
      const found = new Map<string, Buffer>();
      zip.on("error", (e: Error) => reject(new StorageError("a stored package is corrupt", { cause: e })));
      zip.on("end", () => resolve(found));
      zip.on("entry", (entry: yauzl.Entry) => {
        if (entry.fileName.endsWith("/") || (wanted && !wanted.has(entry.fileName))) return zip.readEntry();
        zip.openReadStream(entry, (streamError, stream) => {
          if (streamError || !stream) return reject(new StorageError("a stored package entry is unreadable", { cause: streamError }));
          const chunks: Buffer[] = [];
          stream.on("data", (c: Buffer) => chunks.push(c));
          stream.on("error", (e: Error) => reject(new StorageError("a stored package entry is corrupt", { cause: e })));
          stream.on("end", () => {
            found.set(entry.fileName, Buffer.concat(chunks));
            zip.readEntry();
          });
        });
      });
      zip.readEntry();
    });
  });
}

/**
 * Writes a zip and resolves only once the archive stream has ended — the fix for CodePush's diff race,
 * where the promise resolved before the zip was complete and diffs silently never appeared.
 */
export function writeZip(entries: ReadonlyArray<{ name: string; data: Buffer }>): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const zip = new yazl.ZipFile();
    // A fixed time keeps the same diff byte-identical whoever builds it (idempotent, content-addressed).
    for (const entry of entries) zip.addBuffer(entry.data, entry.name, { mtime: new Date(315532800000) });
    zip.end();
    const chunks: Buffer[] = [];
    zip.outputStream.on("data", (c: Buffer) => chunks.push(c));
    zip.outputStream.on("error", reject);
    zip.outputStream.on("end", () => resolve(Buffer.concat(chunks)));
  });
}
