/**
 * The measurement behind docs/patches.md: binary-delta candidates compared on the real Metro fixtures,
 * for patch size, generation time and peak memory, and apply time in JavaScript (Node's V8 and, when
 * given, the Hermes interpreter that runs React Native apps).
 *
 * Not part of CI. It needs tools that are not dependencies of the project:
 * - Debian packages: `apt-get install -y bsdiff xdelta3 zstd time`
 * - npm packages in a scratch folder (not this repo):
 *   `npm i fossil-delta @ably/vcdiff-decoder @bokuweb/zstd-wasm hermes-engine-cli`
 *   then `PATCH_CANDIDATES_MODULES=<that folder>/node_modules npx tsx bench/patch-candidates.ts`
 *   (Hermes runs when `<modules>/hermes-engine-cli/linux64-bin/hermes` exists).
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { brotliCompressSync, constants as zlibConstants } from "node:zlib";
import { applyPatch, createPatch } from "@hotpatch/core/patch";

const here = dirname(fileURLToPath(import.meta.url));
const fixtures = process.env.HOTPATCH_RN_BUNDLES ?? resolve(here, "../../shared/fixtures/rn-bundles");
const modules = process.env.PATCH_CANDIDATES_MODULES ?? "";
const hermes = join(modules, "hermes-engine-cli/linux64-bin/hermes");
const work = mkdtempSync(join(tmpdir(), "hotpatch-candidates-"));

interface FossilDelta {
  createDelta(source: Uint8Array, target: Uint8Array): Uint8Array;
  applyDelta(source: Uint8Array, delta: Uint8Array): Uint8Array;
}
interface VcdiffDecoder {
  decode(delta: Uint8Array, source: Uint8Array): Uint8Array;
}
interface ZstdWasm {
  init(): Promise<void>;
  createDCtx(): number;
  decompressUsingDict(dctx: number, buf: Uint8Array, dict: Uint8Array): Uint8Array;
}

async function load<T>(path: string): Promise<T> {
  return (await import(pathToFileURL(join(modules, path)).href)) as T;
}

// ---- main mode --------------------------------------------------------------------------------------
const PAIRS = [
  ["v1", "v2"],
  ["v1", "v3"],
  ["v1", "v4"],
  ["v3", "v4"],
] as const;
const FILES = ["android/index.android.bundle", "ios/main.jsbundle", "android/index.android.bundle.hbc"] as const;

interface Row {
  pair: string;
  file: string;
  candidate: string;
  size: number;
  genMs: number;
  /** Peak RSS of the generating process, MB (inputs included; for Node, its own floor too). */
  genMb: number;
  applyNodeMs?: number;
  applyHermesMs?: number;
  note?: string;
}

/** Best of `RUNS` (the machine may be shared): wall time, and the peak RSS of the process (KB). */
const RUNS = 2;
function measured(command: string, args: string[]): { ms: number; peakKb: number } {
  let best = { ms: Infinity, peakKb: Infinity };
  for (let i = 0; i < RUNS; i++) {
    const started = performance.now();
    const run = spawnSync("/usr/bin/time", ["-f", "%M", command, ...args], { encoding: "utf8" });
    const ms = performance.now() - started;
    if (run.status !== 0) throw new Error(`${command} failed: ${run.stderr}`);
    const lines = run.stderr.trim().split("\n");
    const reported = /^GEN_MS (\S+)$/m.exec(run.stdout);
    best = { ms: Math.min(best.ms, reported ? Number(reported[1]) : ms), peakKb: Math.min(best.peakKb, Number(lines[lines.length - 1])) };
  }
  return best;
}

/**
 * Node generators run as a plain `node` process on a pre-bundled script (no tsx, no compiler loaded),
 * so that the peak RSS is the generation's plus Node's own floor (see `nodeFloorKb`).
 */
let nodeChild = "";
async function nodeGenerate(algo: string, oldPath: string, newPath: string, outPath: string): Promise<{ ms: number; peakKb: number }> {
  if (!nodeChild) {
    const { build } = await import("esbuild");
    nodeChild = join(work, "generate.mjs");
    await build({
      stdin: {
        contents: `
          import { readFileSync, writeFileSync } from "node:fs";
          import { createPatch } from ${JSON.stringify(resolve(here, "../core/src/patch/create-patch.ts"))};
          import { createDelta } from "fossil-delta";
          const [algo, oldPath, newPath, outPath] = process.argv.slice(2);
          const oldBytes = new Uint8Array(readFileSync(oldPath)), newBytes = new Uint8Array(readFileSync(newPath));
          const started = performance.now();
          const patch = algo === "none" ? new Uint8Array(0) : algo === "fossil-delta" ? createDelta(oldBytes, newBytes) : (await createPatch(oldBytes, newBytes)).bytes;
          console.log("GEN_MS " + (performance.now() - started));
          writeFileSync(outPath, patch);`,
        resolveDir: here,
        loader: "ts",
      },
      bundle: true,
      format: "esm",
      platform: "node",
      target: "node20",
      nodePaths: [modules, resolve(here, "../node_modules"), resolve(here, "../core/node_modules")],
      outfile: nodeChild,
      logLevel: "silent",
    });
  }
  return measured(process.execPath, [nodeChild, algo, oldPath, newPath, outPath]);
}

function timeBest(fn: () => Uint8Array, expected: Uint8Array): number {
  const times: number[] = [];
  for (let i = 0; i < 3; i++) {
    const started = performance.now();
    const out = fn();
    times.push(performance.now() - started);
    if (Buffer.compare(Buffer.from(out), Buffer.from(expected)) !== 0) throw new Error("an applier returned wrong bytes");
  }
  return Math.min(...times);
}

const brotliSize = (bytes: Uint8Array) =>
  brotliCompressSync(bytes, { params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 11, [zlibConstants.BROTLI_PARAM_LGWIN]: 24 } }).length;

/** Runs an applier under the Hermes interpreter: bundled, lowered to ES5 (as RN's Babel preset does). */
const HERMES_APPLIERS: Record<string, string> = {
  "hotpatch bsdiff-brotli": `import { applyPatch } from ${JSON.stringify(resolve(here, "../core/src/patch/apply-patch.ts"))}; const run = (o, p) => applyPatch(o, p);`,
  "fossil-delta": `import { applyDelta } from "fossil-delta"; const run = (o, p) => applyDelta(o, p);`,
  "xdelta3 -S none (VCDIFF)": `import { decode } from "@ably/vcdiff-decoder"; const run = (o, p) => decode(p, o);`,
};
const hermesScripts = new Map<string, string>();

async function hermesApply(candidate: string, oldBytes: Uint8Array, patch: Uint8Array, expectedLength: number): Promise<number | undefined> {
  if (!existsSync(hermes)) return undefined;
  const entry = HERMES_APPLIERS[candidate];
  if (!entry) return undefined;
  let script = hermesScripts.get(candidate);
  if (!script) {
    // Loaded only when Hermes is there to run the result.
    const { build } = await import("esbuild");
    const ts = (await import("typescript")).default;
    const bundled = await build({
      stdin: {
        contents: `${entry}
          function b64(s) { var t = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/", m = new Int16Array(128), n = s.length, i;
            for (i = 0; i < 64; i++) m[t.charCodeAt(i)] = i; while (s.charAt(n - 1) === "=") n--;
            var out = new Uint8Array((n * 3) >> 2), acc = 0, bits = 0, o = 0;
            for (i = 0; i < n; i++) { acc = ((acc << 6) | m[s.charCodeAt(i)]) & 0xffffff; bits += 6; if (bits >= 8) { bits -= 8; out[o++] = (acc >> bits) & 255; } }
            return out; }
          var oldBytes = b64(OLD_B64), patch = b64(PATCH_B64), best = 1e9;
          for (var k = 0; k < 3; k++) { var t = Date.now(); var r = run(oldBytes, patch); var ms = Date.now() - t; if (r.length !== EXPECTED) throw new Error("bad length"); if (ms < best) best = ms; }
          print("APPLY_MS " + best);`,
        resolveDir: here,
        loader: "ts",
      },
      bundle: true,
      format: "iife",
      target: "es2017",
      platform: "browser",
      nodePaths: [modules, resolve(here, "../node_modules"), resolve(here, "../core/node_modules")],
      write: false,
      logLevel: "silent",
    });
    const es2017 = bundled.outputFiles[0]!.text;
    script = ts.transpileModule(es2017, { compilerOptions: { target: ts.ScriptTarget.ES5, downlevelIteration: true, removeComments: true } }).outputText;
    hermesScripts.set(candidate, script);
  }
  const file = join(work, "hermes-run.js");
  const data = `var OLD_B64=${JSON.stringify(Buffer.from(oldBytes).toString("base64"))};var PATCH_B64=${JSON.stringify(Buffer.from(patch).toString("base64"))};var EXPECTED=${expectedLength};\n`;
  writeFileSync(file, data + script);
  const run = spawnSync(hermes, ["-O", file], { encoding: "utf8", maxBuffer: 1 << 24 });
  const match = /APPLY_MS (\d+)/.exec(run.stdout);
  if (!match) throw new Error(`hermes run of ${candidate} failed: ${run.stderr.slice(0, 500)}`);
  return Number(match[1]);
}

/**
 * Prototype of a Metro-aware transform (not in the product): rewrite the old bundle's module ids and
 * dependency lists to the new numbering (found by matching module bodies) before the byte delta.
 * Returns the delta size plus the size of the id mapping it needs.
 */
async function metroAwareSize(oldText: string, newText: string): Promise<number> {
  const tail = /^(__d\(.*\}),(\d+),\[([\d,]*)\]\);$/;
  const parse = (text: string) => text.split("\n").map((line) => tail.exec(line));
  const oldLines = parse(oldText);
  const byBody = new Map<string, number[]>();
  for (const m of parse(newText)) if (m) byBody.set(m[1]!, [...(byBody.get(m[1]!) ?? []), Number(m[2])]);
  const map = new Map<number, number>();
  for (const m of oldLines) {
    const candidates = m ? byBody.get(m[1]!) : undefined;
    if (m && candidates?.length === 1) map.set(Number(m[2]), candidates[0]!);
  }
  const rename = (id: number) => map.get(id) ?? id;
  const lines = oldText.split("\n");
  const rewritten = oldLines
    .map((m, i) => (m ? `${m[1]},${rename(Number(m[2]))},[${m[3]!.split(",").filter(Boolean).map((d) => rename(Number(d))).join(",")}]);` : lines[i]))
    .join("\n");
  // The mapping as runs of (old id gap, shift change), as a client would receive it.
  const runs: number[] = [];
  let previous = -1;
  let shift = 0;
  for (const [from, to] of [...map.entries()].sort((a, b) => a[0] - b[0])) {
    if (from === previous + 1 && to - from === shift) {
      previous = from;
      continue;
    }
    runs.push(from - previous - 1, to - from - shift);
    previous = from;
    shift = to - from;
  }
  const mapping = brotliSize(new TextEncoder().encode(runs.join(",")));
  const patch = await createPatch(new TextEncoder().encode(rewritten), new TextEncoder().encode(newText));
  return patch.bytes.length + mapping;
}

const fossil = await load<FossilDelta>("fossil-delta/fossil-delta.js");
const vcdiff = await load<VcdiffDecoder>("@ably/vcdiff-decoder/build/cjs/vcdiff-decoder.js").then((m) =>
  "decode" in m ? m : (m as unknown as { default: VcdiffDecoder }).default,
);
const zstdWasm = await load<ZstdWasm>("@bokuweb/zstd-wasm/dist/common/index.node.js").then((m) =>
  "init" in m ? m : (m as unknown as { default: ZstdWasm }).default,
);
await zstdWasm.init();

const rows: Row[] = [];
const floorInputs = join(fixtures, "v1", FILES[2]);
const nodeFloorKb = (await nodeGenerate("none", floorInputs, floorInputs, join(work, "none"))).peakKb;
for (const [from, to] of PAIRS) {
  for (const file of FILES) {
    const oldPath = join(fixtures, from, file);
    const newPath = join(fixtures, to, file);
    const oldBytes = new Uint8Array(readFileSync(oldPath));
    const newBytes = new Uint8Array(readFileSync(newPath));
    const pair = `${from}→${to}`;
    const name = file.split("/")[1]!;
    const out = (tag: string) => join(work, `${from}${to}-${name}.${tag}`);
    const add = (row: Omit<Row, "pair" | "file">) => {
      rows.push({ pair, file: name, ...row });
      process.stderr.write(`${pair} ${name} ${row.candidate}: ${row.size} B\n`);
    };

    const bs = measured("bsdiff", [oldPath, newPath, out("bsdiff")]);
    add({ candidate: "bsdiff 4.3 (bzip2)", size: readFileSync(out("bsdiff")).length, genMs: bs.ms, genMb: bs.peakKb / 1024, note: "no JS applier (bzip2)" });

    const xd = measured("xdelta3", ["-9", "-f", "-e", "-s", oldPath, newPath, out("xd3")]);
    add({ candidate: "xdelta3 -9 (djw)", size: readFileSync(out("xd3")).length, genMs: xd.ms, genMb: xd.peakKb / 1024, note: "JS decoders lack secondary compression" });

    const xdn = measured("xdelta3", ["-9", "-S", "none", "-A", "-n", "-f", "-e", "-s", oldPath, newPath, out("vcdiff")]);
    const vcdiffPatch = new Uint8Array(readFileSync(out("vcdiff")));
    add({
      candidate: "xdelta3 -S none (VCDIFF)",
      size: vcdiffPatch.length,
      genMs: xdn.ms,
      genMb: xdn.peakKb / 1024,
      applyNodeMs: timeBest(() => vcdiff.decode(vcdiffPatch, oldBytes), newBytes),
      applyHermesMs: await hermesApply("xdelta3 -S none (VCDIFF)", oldBytes, vcdiffPatch, newBytes.length),
    });

    for (const level of ["-19", "--ultra -22"]) {
      const zs = measured("zstd", [...level.split(" "), "-q", "-f", `--patch-from=${oldPath}`, newPath, "-o", out("zst")]);
      const zstdPatch = new Uint8Array(readFileSync(out("zst")));
      add({
        candidate: `zstd ${level} --patch-from`,
        size: zstdPatch.length,
        genMs: zs.ms,
        genMb: zs.peakKb / 1024,
        applyNodeMs: timeBest(() => zstdWasm.decompressUsingDict(zstdWasm.createDCtx(), zstdPatch, oldBytes), newBytes),
        note: "apply = WebAssembly build; no pure-JS decoder takes a dictionary",
      });
    }

    const fo = await nodeGenerate("fossil-delta", oldPath, newPath, out("fossil"));
    const fossilPatch = new Uint8Array(readFileSync(out("fossil")));
    add({
      candidate: "fossil-delta (JS)",
      size: fossilPatch.length,
      genMs: fo.ms,
      genMb: fo.peakKb / 1024,
      applyNodeMs: timeBest(() => fossil.applyDelta(oldBytes, fossilPatch), newBytes),
      applyHermesMs: await hermesApply("fossil-delta", oldBytes, fossilPatch, newBytes.length),
      note: `+ brotli: ${brotliSize(fossilPatch)} B`,
    });

    const hp = await nodeGenerate("hotpatch", oldPath, newPath, out("hpat"));
    const hotpatchPatch = new Uint8Array(readFileSync(out("hpat")));
    add({
      candidate: "hotpatch bsdiff-brotli",
      size: hotpatchPatch.length,
      genMs: hp.ms,
      genMb: hp.peakKb / 1024,
      applyNodeMs: timeBest(() => applyPatch(oldBytes, hotpatchPatch), newBytes),
      applyHermesMs: await hermesApply("hotpatch bsdiff-brotli", oldBytes, hotpatchPatch, newBytes.length),
      note: "apply includes 3 SHA-256 checks",
    });

    if (!file.endsWith(".hbc")) {
      const size = await metroAwareSize(readFileSync(oldPath, "latin1"), readFileSync(newPath, "latin1"));
      add({ candidate: "Metro-aware ids + bsdiff-brotli (prototype)", size, genMs: NaN, genMb: NaN });
    }
  }
}

console.log(`Node floor: a plain node process that reads two 2.5 MB inputs peaks at ${(nodeFloorKb / 1024).toFixed(1)} MB RSS.\n`);
const fmt = (n: number | undefined, digits = 0) => (n === undefined || Number.isNaN(n) ? "—" : n.toFixed(digits));
console.log("| pair | file | candidate | patch bytes | gen ms | gen peak MB | apply ms (Node) | apply ms (Hermes) | note |");
console.log("| --- | --- | --- | ---: | ---: | ---: | ---: | ---: | --- |");
for (const r of rows) {
  console.log(
    `| ${r.pair} | ${r.file} | ${r.candidate} | ${r.size} | ${fmt(r.genMs)} | ${fmt(r.genMb, 1)} | ${fmt(r.applyNodeMs, 1)} | ${fmt(r.applyHermesMs)} | ${r.note ?? ""} |`,
  );
}
