import { readdir, readFile } from "node:fs/promises";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { SETTINGS } from "@hotpatch/container";
import { describe, expect, it } from "vitest";

/**
 * ARCHITECTURE.md: "The container is the only place that reads configuration and picks providers."
 * Checked over the source text, so that a new entry point cannot quietly grow its own parser.
 */
const root = join(dirname(fileURLToPath(import.meta.url)), "../../../..");

async function sources(dir: string): Promise<string[]> {
  const entries = await readdir(join(root, dir), { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile() && e.name.endsWith(".ts")).map((e) => relative(root, join(e.parentPath, e.name)));
}

const SERVER_VARIABLES = new Set(SETTINGS.flatMap((setting) => [setting.variable, ...(setting.aliases ?? [])]));
/** `env.HOTPATCH_X`, `env["HOTPATCH_X"]`, `process.env.HOTPATCH_X`: reading a variable, not naming it in a comment. */
const READS = /\benv(?:\.|\[\s*["'])(HOTPATCH_[A-Z0-9_]+)/g;

describe("the composition root", () => {
  it("is the only reader of the server's configuration variables", async () => {
    const files = [
      ...(await sources("core/src")),
      ...(await sources("providers")).filter((file) => file.includes("/src/")),
      ...(await sources("adapters/http/src")),
      ...(await sources("adapters/fc/src")),
      ...(await sources("adapters/lambda/src")),
      // The CLI's own client settings (HOTPATCH_SERVER, its access key) are not the server's.
      ...(await sources("adapters/cli/src")).filter((file) => /\/(serve|commands\/serve)/.test(file)),
    ];
    expect(files.length).toBeGreaterThan(50);
    for (const file of files) {
      const text = await readFile(join(root, file), "utf8");
      for (const [, name] of text.matchAll(READS)) expect(SERVER_VARIABLES.has(name as string), `${file} reads ${name}`).toBe(false);
    }
    // The check must be able to fail: it sees the reads an entry point used to make.
    const before = 'const bucket = env.HOTPATCH_BUCKET; const key = process.env["HOTPATCH_ACCESS_KEY"];';
    expect([...before.matchAll(READS)].map((m) => m[1])).toEqual(["HOTPATCH_BUCKET", "HOTPATCH_ACCESS_KEY"]);
  });

  it("is the only package that imports a DI library (besides the example that brings its own)", async () => {
    const files = [...(await sources("core/src")), ...(await sources("providers")), ...(await sources("adapters")), ...(await sources("examples"))];
    const users = new Set<string>();
    for (const file of files) {
      const text = await readFile(join(root, file), "utf8");
      if (/from\s+["'](inversify|tsyringe)["']/.test(text)) users.add(file.split("/").slice(0, 2).join("/"));
    }
    expect([...users].sort()).toEqual(["adapters/container", "examples/bring-your-container"]);
  });
});
