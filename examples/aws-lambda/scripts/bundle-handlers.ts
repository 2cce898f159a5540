import { readFile, rm, stat } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { build, type Metafile, type Plugin } from "esbuild";

export const EXAMPLE_DIR = join(dirname(fileURLToPath(import.meta.url)), "..");

/**
 * One bundle per function: the template's `CodeUri: dist/<dir>` and `Handler: <file>.handler` point at
 * `dist/<dir>/<file>.mjs`, which exports `handler`.
 */
export const HANDLER_BUNDLES = [
  { dir: "http", file: "http", entry: "@hotpatch/lambda/entry/http" },
  { dir: "s3", file: "s3", entry: "@hotpatch/lambda/entry/s3" },
] as const;

export interface BundleReport {
  dir: string;
  file: string;
  /** The entry Lambda loads, `dist/<dir>/<file>.mjs`. */
  path: string;
  /** Size of the entry, what a cold start imports before the first request. */
  bytes: number;
  gzipBytes: number;
  /** Size of the entry and its chunks (the provider SDKs, loaded when configured), what is uploaded. */
  totalBytes: number;
  /** Packages the function's files contain (entry and chunks), from esbuild's metafile. */
  packages: string[];
  /** What they still import at run time (Node built-ins, optional SDK add-ons). */
  externals: string[];
}

/**
 * ali-oss's HTTP client (urllib) requires `proxy-agent` only when a proxy is configured, which hotpatch
 * never does; bundled, it would pull in a PAC interpreter (≈ 1.5 MB). The stub fails loudly if reached.
 */
const withoutProxyAgent: Plugin = {
  name: "without-proxy-agent",
  setup(build) {
    build.onResolve({ filter: /^proxy-agent$/ }, () => ({ path: "proxy-agent", namespace: "stub" }));
    build.onLoad({ filter: /.*/, namespace: "stub" }, () => ({
      contents: 'module.exports = function ProxyAgent() { throw new Error("HTTP proxies are not supported in the hotpatch Lambda bundle"); };',
      loader: "js",
    }));
  },
};

/**
 * Bundles each handler into minified ES modules for Node 20+ in `dist/<dir>/` (the AWS SDK included,
 * so the function does not depend on the SDK version of the runtime image): the entry, and chunks
 * beside it. Every provider is in the bundle, so that configuration alone moves it between S3, OSS
 * and the local store; each is a chunk that only the configured one's first use imports, so a cold
 * start compiles one cloud SDK, not two. CommonJS dependencies (the zip libraries) call `require` for
 * Node built-ins, which an ES module lacks: the banner provides it in every file.
 */
export async function bundleHandlers(outdir = join(EXAMPLE_DIR, "dist")): Promise<BundleReport[]> {
  const reports: BundleReport[] = [];
  for (const bundle of HANDLER_BUNDLES) {
    const dir = join(outdir, bundle.dir);
    // Chunk names carry hashes: clear the folder so that old chunks are not deployed with new ones.
    await rm(dir, { recursive: true, force: true });
    const result = await build({
      entryPoints: { [bundle.file]: bundle.entry },
      absWorkingDir: EXAMPLE_DIR,
      outdir: dir,
      outExtension: { ".js": ".mjs" },
      chunkNames: "chunk-[hash]",
      bundle: true,
      splitting: true,
      platform: "node",
      target: "node20",
      format: "esm",
      minify: true,
      sourcemap: "external",
      legalComments: "linked",
      mainFields: ["module", "main"],
      metafile: true,
      logLevel: "warning",
      plugins: [withoutProxyAgent],
      banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
    });
    const path = join(dir, `${bundle.file}.mjs`);
    const outputs = Object.entries(result.metafile.outputs).filter(([file]) => file.endsWith(".mjs"));
    if (!outputs.some(([file]) => resolve(EXAMPLE_DIR, file) === path)) throw new Error(`esbuild wrote no ${path}`);
    const externals = new Set<string>();
    const inputs: Metafile["outputs"][string]["inputs"] = {};
    for (const [, output] of outputs) {
      for (const entry of output.imports) if (entry.external) externals.add(entry.path);
      Object.assign(inputs, output.inputs);
    }
    const bytes = (await stat(path)).size;
    reports.push({
      ...bundle,
      path,
      bytes,
      gzipBytes: gzipSync(await readFile(path)).byteLength,
      totalBytes: outputs.reduce((sum, [, output]) => sum + output.bytes, 0),
      packages: packagesIn(inputs),
      externals: [...externals].sort(),
    });
  }
  return reports;
}

function packagesIn(inputs: Metafile["outputs"][string]["inputs"]): string[] {
  const names = new Set<string>();
  for (const input of Object.keys(inputs)) {
    const match = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(input);
    if (match?.[1]) names.add(match[1]);
    else if (!input.includes("node_modules")) {
      const workspace = /^(?:\.\.\/)*(core|providers\/\w+|adapters\/\w+)\//.exec(input);
      if (workspace?.[1]) names.add(workspace[1]);
    }
  }
  return [...names].sort();
}

export function kib(bytes: number): string {
  return `${(bytes / 1024).toFixed(1)} KiB`;
}
