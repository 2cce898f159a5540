import { existsSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import { emptyLayer, layerFromObject, type Layer } from "./layer.js";
import { CONFIG_FILE_VARIABLE } from "./settings.js";

export const DEFAULT_CONFIG_FILE = "hotpatch.config.json";

/**
 * Which file to read: a path given explicitly (a `--config` flag), else HOTPATCH_CONFIG, else — when
 * `searchCwd` — ./hotpatch.config.json if it exists. A named file must exist. Only the Node server
 * searches the working directory: a function names its file, and a test run from the repository
 * must not pick up a developer's file.
 */
export function configFilePath(file: string | false | undefined, configVariable: string | undefined, cwd: string, searchCwd: boolean): string | undefined {
  if (file === false) return undefined;
  if (file !== undefined) return resolve(cwd, file);
  if (configVariable !== undefined && configVariable.trim() !== "") return resolve(cwd, configVariable.trim());
  const fallback = resolve(cwd, DEFAULT_CONFIG_FILE);
  return searchCwd && existsSync(fallback) ? fallback : undefined;
}

export function layerFromFile(path: string, shownAs: string): Layer {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch {
    const layer = emptyLayer();
    layer.issues.push({ variable: CONFIG_FILE_VARIABLE, key: undefined, message: `the configuration file ${shownAs} cannot be read` });
    return layer;
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    // Only the position: the parser's message quotes the text around it, which may hold a secret.
    const position = /position (\d+)/.exec(error instanceof Error ? error.message : "")?.[1];
    const layer = emptyLayer();
    layer.issues.push({ variable: CONFIG_FILE_VARIABLE, key: undefined, message: `${shownAs} is not valid JSON${position ? ` (at character ${position})` : ""}` });
    return layer;
  }
  return layerFromObject(parsed, shownAs);
}
