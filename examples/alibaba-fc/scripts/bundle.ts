import { readdir, rm, stat } from "node:fs/promises";
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
  /** The entry FC loads: `dist/<name>/index.mjs`. */
  file: string;
  /** Size of the entry file, what FC imports at a cold start. */
  bytes: number;
  /** Size of the entry and every chunk in its folder, what is uploaded. */
  totalBytes: number;
}

/**
 * Bundles each handler into `dist/<name>/`: the entry `index.mjs` (FC's nodejs18/20 runtimes load ESM
 * from `.mjs`) and chunks beside it. The bundle carries every provider, so that configuration alone
 * moves it between OSS, S3 and the local store; each provider is a chunk that only the configured
 * one's first use imports, so a cold start compiles one cloud SDK, not two. ali-oss and its
 * dependencies are CommonJS and call `require` for Node built-ins, which ESM lacks: the banner gives
 * every file a real `require`.
 */
export async function bundleHandlers(outDir = DIST_DIR): Promise<BundleReport[]> {
  const reports: BundleReport[] = [];
  for (const handler of HANDLERS) {
    const dir = join(outDir, handler.name);
    // Chunk names carry hashes: clear the folder so that old chunks are not uploaded with new ones.
    await rm(dir, { recursive: true, force: true });
    await build({
      stdin: { contents: `export { handler, initialize } from "${handler.entry}";`, resolveDir: EXAMPLE_DIR, loader: "ts" },
      bundle: true,
      platform: "node",
      target: "node20",
      format: "esm",
      splitting: true,
      outdir: dir,
      entryNames: "index",
      chunkNames: "chunk-[hash]",
      outExtension: { ".js": ".mjs" },
      minify: true,
      legalComments: "none",
      logLevel: "warning",
      plugins: [withoutProxyAgent],
      banner: { js: 'import { createRequire as __createRequire } from "node:module"; const require = __createRequire(import.meta.url);' },
    });
    const file = join(dir, "index.mjs");
    const sizes = await Promise.all((await readdir(dir)).map(async (name) => (await stat(join(dir, name))).size));
    reports.push({ name: handler.name, file, bytes: (await stat(file)).size, totalBytes: sizes.reduce((sum, size) => sum + size, 0) });
  }
  return reports;
}
