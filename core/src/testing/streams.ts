/** Reads a web stream to the end into one Buffer. */
export async function readStream(stream: ReadableStream<Uint8Array>): Promise<Buffer> {
  const chunks: Buffer[] = [];
  const reader = stream.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(Buffer.from(value)); // copy: a producer may reuse its chunk buffers
  }
  return Buffer.concat(chunks);
}
