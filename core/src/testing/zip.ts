import yazl from "yazl";

export interface ZipEntry {
  name: string;
  data: Uint8Array | string;
}

/** Builds a zip in memory (file entries only, in the given order). */
export function makeZip(entries: ZipEntry[]): Promise<Buffer> {
  const zip = new yazl.ZipFile();
  for (const entry of entries) {
    const data = typeof entry.data === "string" ? Buffer.from(entry.data) : Buffer.from(entry.data);
    zip.addBuffer(data, entry.name, { mtime: new Date(0) });
  }
  zip.end();
  return collect(zip.outputStream);
}

/**
 * A zip whose entry names yazl itself would refuse (`../x`, `/abs`): built with a harmless
 * placeholder of the same length, whose bytes are then swapped in every header.
 */
export async function makeZipWithRawName(rawName: string, data = "x"): Promise<Buffer> {
  const placeholder = "p".repeat(Buffer.byteLength(rawName));
  const zip = await makeZip([{ name: placeholder, data }]);
  const from = Buffer.from(placeholder);
  const to = Buffer.from(rawName);
  let index = zip.indexOf(from);
  while (index !== -1) {
    to.copy(zip, index);
    index = zip.indexOf(from, index + to.length);
  }
  return zip;
}

function collect(stream: NodeJS.ReadableStream): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    stream.on("data", (chunk: Buffer) => chunks.push(chunk));
    stream.on("end", () => resolve(Buffer.concat(chunks)));
    stream.on("error", reject);
  });
}
