import { relative } from "node:path";
import { bundleHandlers } from "./bundle.js";

const reports = await bundleHandlers();
const kib = (bytes: number): string => `${(bytes / 1024).toFixed(1).padStart(8)} KiB`;
for (const { name, file, bytes, totalBytes } of reports) {
  console.log(`${name.padEnd(12)} ${relative(process.cwd(), file).padEnd(36)} ${kib(bytes)}  (with its provider chunks: ${kib(totalBytes).trim()})`);
}
