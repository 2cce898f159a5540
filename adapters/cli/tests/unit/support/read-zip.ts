import { buffer } from "node:stream/consumers";
import yauzl from "yauzl";

/** Every entry of a zip as name → bytes, in the order the zip stores them. */
export async function readZip(source: string | Buffer): Promise<Map<string, Buffer>> {
  const zip =
    typeof source === "string"
      ? await yauzl.openPromise(source, { lazyEntries: true })
      : await yauzl.fromBufferPromise(source, { lazyEntries: true });
  const entries = new Map<string, Buffer>();
  try {
    for await (const entry of zip.eachEntry()) {
      entries.set(entry.fileName, await buffer(await zip.openReadStreamPromise(entry)));
    }
  } finally {
    zip.close();
  }
  return entries;
}
