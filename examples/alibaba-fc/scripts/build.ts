import { relative } from "node:path";
import { bundleHandlers } from "./bundle.js";

const reports = await bundleHandlers();
for (const { name, file, bytes } of reports) {
  console.log(`${name.padEnd(12)} ${relative(process.cwd(), file).padEnd(36)} ${(bytes / 1024).toFixed(1).padStart(8)} KiB`);
}
