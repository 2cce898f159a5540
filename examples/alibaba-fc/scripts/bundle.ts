import { stat } from "node:fs/promises";
import { join } from "node:path";
import { build, type Plugin } from "esbuild";
import { DIST_DIR, EXAMPLE_DIR, HANDLERS } from "./handlers.js";

/**
 * ali-oss's HTTP client (urllib) requires `proxy-agent` only when a proxy is configured, which hotpatch
 * never does; bundled, it would pull in a PAC interpreter (≈ 1.5 MB). The stub fails loudly if reached.
 */
const withoutProxyAgent: Plugin = {
  name: "without-proxy-agent",
  setup(build) {
    build.onResolve({ filter: /^proxy-agent$/ }, () => ({ path: "proxy-agent", namespace: "stub" }));
    build.onLoad({ filter: /.*/, namespace: "stub" }, () => ({
      contents: 'module.exports = function ProxyAgent() { throw new Error("HTTP proxies are not supported in the hotpatch FC bundle"); };',
      loader: "js",
    }));
  },
};

export interface BundleReport {
  name: string;
  file: string;
  bytes: number;
}

/**
 * Bundles each handler into one ESM file, `dist/<name>/index.mjs` (FC's nodejs18/20 runtimes load ESM
 * from `.mjs`). ali-oss and its dependencies are CommonJS and call `require` for Node built-ins, which an
 * ESM bundle lacks: the banner gives the bundle a real `require`.
 */
export async function bundleHandlers(outDir = DIST_DIR): Promise<BundleReport[]> {
  const reports: BundleReport[] = [];
  for (const handler of HANDLERS) {
    const file = join(outDir, handler.name, "index.mjs");
    await build({
      stdin: { contents: `export { handler, initialize } from "${handler.entry}";`, resolveDir: EXAMPLE_DIR, loader: "ts" },
      bundle: true,
      platform: "node",
      target: "node20",
      format: "esm",
      outfile: file,
      minify: true,
      legalComments: "none",
      logLevel: "warning",
      plugins: [withoutProxyAgent],
      banner: { js: 'import { createRequire as __createRequire } from "node:module"; const require = __createRequire(import.meta.url);' },
    });
    reports.push({ name: handler.name, file, bytes: (await stat(file)).size });
  }
  return reports;
}
