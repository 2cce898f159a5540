// `npm run build -w @hotpatch/example-aws-lambda`: bundles the two handlers into dist/ and prints their sizes.
import { relative } from "node:path";
import { EXAMPLE_DIR, bundleHandlers, kib } from "./bundle-handlers.js";

const reports = await bundleHandlers();
for (const report of reports) {
  process.stdout.write(`${relative(EXAMPLE_DIR, report.path).padEnd(18)} ${kib(report.bytes).padStart(11)}  (gzip ${kib(report.gzipBytes)}; with its provider chunks ${kib(report.totalBytes)})\n`);
}
