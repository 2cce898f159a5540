import { fileURLToPath } from "node:url";

/**
 * One bundle per FC function. s.yaml points each function's `code` at `dist/<name>` and its handler at
 * `index.handler` (initializer `index.initialize`); the s.yaml test checks both against this table.
 */
export const HANDLERS = [
  { name: "http", entry: "@hotpatch/fc/entry/http", functionName: "hotpatch-http" },
  { name: "oss-trigger", entry: "@hotpatch/fc/entry/oss-trigger", functionName: "hotpatch-ingest" },
] as const;

export const EXAMPLE_DIR = fileURLToPath(new URL("..", import.meta.url));
export const DIST_DIR = fileURLToPath(new URL("../dist", import.meta.url));
