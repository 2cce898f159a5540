import { readFile, stat } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { build, type Metafile } from "esbuild";

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
  path: string;
  bytes: number;
  gzipBytes: number;
  /** Packages the bundle contains, from esbuild's metafile. */
  packages: string[];
  /** What the bundle still imports at run time (Node built-ins, optional SDK add-ons). */
  externals: string[];
}

/**
 * Bundles each handler into one minified ES module for Node 20+ (the AWS SDK included, so the function
 * does not depend on the SDK version of the runtime image). CommonJS dependencies (the zip libraries)
 * call `require` for Node built-ins, which an ES module lacks: the banner provides it.
 */
export async function bundleHandlers(outdir = join(EXAMPLE_DIR, "dist")): Promise<BundleReport[]> {
  // One esbuild run for both entries: the shared modules are parsed once.
  const result = await build({
    entryPoints: Object.fromEntries(HANDLER_BUNDLES.map((bundle) => [`${bundle.dir}/${bundle.file}`, bundle.entry])),
    absWorkingDir: EXAMPLE_DIR,
    outdir,
    outExtension: { ".js": ".mjs" },
    bundle: true,
    splitting: false,
    platform: "node",
    target: "node20",
    format: "esm",
    minify: true,
    sourcemap: "external",
    legalComments: "linked",
    mainFields: ["module", "main"],
    metafile: true,
    logLevel: "warning",
    banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
  });
  const reports: BundleReport[] = [];
  for (const bundle of HANDLER_BUNDLES) {
    const path = join(outdir, bundle.dir, `${bundle.file}.mjs`);
    const [, output] = Object.entries(result.metafile.outputs).find(([file]) => resolve(EXAMPLE_DIR, file) === path) ?? [];
    if (!output) throw new Error(`esbuild wrote no ${path}`);
    const externals = [...new Set(output.imports.filter((entry) => entry.external).map((entry) => entry.path))].sort();
    const bytes = (await stat(path)).size;
    reports.push({ ...bundle, path, bytes, gzipBytes: gzipSync(await readFile(path)).byteLength, packages: packagesIn(output.inputs), externals });
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
