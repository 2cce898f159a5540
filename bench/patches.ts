/**
 * `npm run bench:patches`: over the real Metro fixtures (`../shared/fixtures/rn-bundles`, or
 * `HOTPATCH_RN_BUNDLES`), for each version pair and bundle kind, prints the size of the full CodePush
 * package, of the CodePush diff package (changed files + `hotcodepush.json`) and of hotpatch's binary
 * patch of the bundle, with ratios, generation time and apply time (JS applier, in this Node process).
 *
 * The zips here are made with yazl (deflate, as the CLI's) from the `CodePush/` layout that
 * `release-react` uploads; the server's own diff packages may differ by a few bytes of zip metadata.
 */
import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { readdir, readFile } from "node:fs/promises";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import yazl from "yazl";
import { applyPatch, createPatch, shouldOfferPatch } from "@hotpatch/core/patch";

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const fixtures = process.env.HOTPATCH_RN_BUNDLES ?? resolve(repoRoot, "../shared/fixtures/rn-bundles");
if (!existsSync(join(fixtures, "v1"))) {
  console.error(`the React Native fixtures are missing at ${fixtures}; set HOTPATCH_RN_BUNDLES to their folder`);
  process.exit(1);
}

const PAIRS = [
  ["v1", "v2"],
  ["v1", "v3"],
  ["v1", "v4"],
  ["v2", "v3"],
  ["v3", "v4"],
] as const;

/** A CodePush package as the CLI lays it out: bundle + assets under `CodePush/`. */
interface Kind {
  label: string;
  platform: "android" | "ios";
  /** The bundle file in the fixtures, and its name inside the package. */
  bundleFile: string;
  bundleName: string;
  /** The asset folder in the fixtures, and where it lands in the package. */
  assetsDir: string;
  assetsPrefix: string;
}

const KINDS: Kind[] = [
  { label: "android JS", platform: "android", bundleFile: "index.android.bundle", bundleName: "CodePush/index.android.bundle", assetsDir: "res", assetsPrefix: "CodePush/" },
  { label: "ios JS", platform: "ios", bundleFile: "main.jsbundle", bundleName: "CodePush/main.jsbundle", assetsDir: "assets", assetsPrefix: "CodePush/assets/" },
  // A Hermes app ships the bytecode under the bundle's usual name.
  { label: "android Hermes", platform: "android", bundleFile: "index.android.bundle.hbc", bundleName: "CodePush/index.android.bundle", assetsDir: "res", assetsPrefix: "CodePush/" },
];

async function packageFiles(version: string, kind: Kind): Promise<Map<string, Buffer>> {
  const base = join(fixtures, version, kind.platform);
  const files = new Map<string, Buffer>();
  files.set(kind.bundleName, await readFile(join(base, kind.bundleFile)));
  const assets = join(base, kind.assetsDir);
  for (const entry of await readdir(assets, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    files.set(kind.assetsPrefix + relative(assets, path).split("\\").join("/"), await readFile(path));
  }
  return files;
}

function zip(entries: Array<[string, Buffer]>): Promise<number> {
  const file = new yazl.ZipFile();
  for (const [name, data] of entries.sort(([a], [b]) => (a < b ? -1 : 1))) file.addBuffer(data, name, { mtime: new Date(0) });
  file.end();
  return new Promise((resolveSize, reject) => {
    let size = 0;
    file.outputStream.on("data", (chunk: Buffer) => (size += chunk.length));
    file.outputStream.on("end", () => resolveSize(size));
    file.outputStream.on("error", reject);
  });
}

const sha = (b: Buffer) => createHash("sha256").update(b).digest("hex");

/** The CodePush diff package (codepush.md §2.3): new or changed files plus `hotcodepush.json`. */
async function diffPackageSize(oldFiles: Map<string, Buffer>, newFiles: Map<string, Buffer>, skip?: string): Promise<number> {
  const changed: Array<[string, Buffer]> = [];
  for (const [name, data] of newFiles) {
    const before = oldFiles.get(name);
    if (name !== skip && (!before || sha(before) !== sha(data))) changed.push([name, data]);
  }
  const deletedFiles = [...oldFiles.keys()].filter((name) => !newFiles.has(name));
  if (skip !== undefined && changed.length === 0 && deletedFiles.length === 0) return 0;
  changed.push(["hotcodepush.json", Buffer.from(JSON.stringify({ deletedFiles }))]);
  return zip(changed);
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

const kb = (n: number) => (n >= 10_000 ? `${(n / 1024).toFixed(0)} KB` : n >= 1024 ? `${(n / 1024).toFixed(1)} KB` : `${n} B`);
const pct = (part: number, whole: number) => `${((100 * part) / whole).toFixed(part / whole < 0.01 ? 2 : 1)} %`;

interface Row {
  pair: string;
  kind: string;
  bundle: number;
  full: number;
  diff: number;
  patch: number;
  patchPlusAssets: number;
  genMs: number;
  applyMs: number;
  offered: boolean;
}

const rows: Row[] = [];
for (const [from, to] of PAIRS) {
  for (const kind of KINDS) {
    const oldFiles = await packageFiles(from, kind);
    const newFiles = await packageFiles(to, kind);
    const oldBundle = oldFiles.get(kind.bundleName)!;
    const newBundle = newFiles.get(kind.bundleName)!;
    const full = await zip([...newFiles]);
    const diff = await diffPackageSize(oldFiles, newFiles);
    // hotpatch's own client: the binary patch for the bundle, plus a diff package for the other files.
    const assetsDiff = await diffPackageSize(oldFiles, newFiles, kind.bundleName);
    const created = await createPatch(oldBundle, newBundle, { fullPackageBytes: full });
    const times: number[] = [];
    for (let i = 0; i < 3; i++) {
      const started = performance.now();
      const rebuilt = applyPatch(oldBundle, created.bytes);
      times.push(performance.now() - started);
      if (Buffer.compare(Buffer.from(rebuilt), newBundle) !== 0) throw new Error(`${from}->${to} ${kind.label}: the patch did not rebuild the bundle`);
    }
    const row: Row = {
      pair: `${from}→${to}`,
      kind: kind.label,
      bundle: newBundle.length,
      full,
      diff,
      patch: created.bytes.length,
      patchPlusAssets: created.bytes.length + assetsDiff,
      genMs: created.elapsedMs,
      applyMs: median(times),
      offered: shouldOfferPatch(created.bytes.length, full),
    };
    rows.push(row);
    process.stderr.write(`${row.pair} ${row.kind}: patch ${row.patch} B in ${row.genMs.toFixed(0)} ms\n`);
  }
}

const header = ["pair", "bundle kind", "bundle", "full zip", "diff zip", "diff/full", "binary patch", "patch/bundle", "patch/full", "patch + assets diff", "offered", "gen ms", "apply ms"];
const table = rows.map((r) => [
  r.pair,
  r.kind,
  kb(r.bundle),
  kb(r.full),
  kb(r.diff),
  pct(r.diff, r.full),
  kb(r.patch),
  pct(r.patch, r.bundle),
  pct(r.patch, r.full),
  kb(r.patchPlusAssets),
  r.offered ? "yes" : "no",
  r.genMs.toFixed(0),
  r.applyMs.toFixed(0),
]);
console.log(`| ${header.join(" | ")} |`);
console.log(`| ${header.map((_, i) => (i < 2 ? "---" : "---:")).join(" | ")} |`);
for (const line of table) console.log(`| ${line.join(" | ")} |`);
console.log(
  "\nfull zip = the whole new CodePush package; diff zip = CodePush diff package (changed files + hotcodepush.json);" +
    "\nbinary patch = hotpatch bsdiff-brotli patch of the bundle alone; patch + assets diff = what hotpatch's client downloads" +
    "\n(the patch, plus a diff package of the changed non-bundle files when there are any); offered = patch ≤ 50 % of the full zip;" +
    "\ngen = createPatch wall time; apply = applyPatch (pure JS, SHA-256 checks included) in Node's V8, median of 3.",
);
