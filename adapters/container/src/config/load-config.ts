import { relative } from "node:path";
import { ConfigurationError } from "../errors.js";
import { configFilePath, layerFromFile } from "./config-file.js";
import { layerFromEnvironment, type Environment } from "./environment.js";
import type { HotpatchConfig } from "./hotpatch-config.js";
import { layerFromObject, mergeLayers, type Layer } from "./layer.js";
import { resolveConfig, type Resolved } from "./resolve-config.js";
import type { ConfigInput } from "./schema.js";
import { CONFIG_FILE_VARIABLE } from "./settings.js";

/**
 * Where configuration comes from. Precedence, lowest first:
 *
 *   built-in defaults < `defaults` (the runtime's own: the FC entry says provider alibaba)
 *   < hotpatch.config.json < environment variables < `overrides` (command-line flags)
 */
export interface ConfigSources {
  /** The process environment (entry points pass `process.env`; tests pass a plain object). */
  env: Environment;
  /** A configuration file; default: $HOTPATCH_CONFIG. `false`: none, whatever the environment says. */
  file?: string | false;
  /** Without a file named, read ./hotpatch.config.json when it exists (what the Node server does). */
  searchCwd?: boolean;
  /** Where relative paths are resolved (default: the process's working directory). */
  cwd?: string;
  defaults?: ConfigInput;
  overrides?: ConfigInput;
}

export interface ResolvedConfig extends Resolved {
  /** The configuration file that was read, if any. */
  file: string | undefined;
}

/** Reads, merges and validates every source once; throws a ConfigurationError naming every problem. */
export function resolveConfiguration(sources: ConfigSources): ResolvedConfig {
  const cwd = sources.cwd ?? process.cwd();
  const layers: Layer[] = [];
  if (sources.defaults) layers.push(layerFromObject(sources.defaults, "the runtime's defaults"));
  const file = configFilePath(sources.file, sources.env[CONFIG_FILE_VARIABLE], cwd, sources.searchCwd ?? false);
  const shownAs = file ? relative(cwd, file) || file : undefined;
  if (file && shownAs) layers.push(layerFromFile(file, shownAs));
  layers.push(layerFromEnvironment(sources.env));
  if (sources.overrides) layers.push(layerFromObject(sources.overrides, "the command line"));
  const resolved = resolveConfig(mergeLayers(layers), sources.env);
  if ("issues" in resolved) throw new ConfigurationError(resolved.issues);
  return { ...resolved, file: shownAs };
}

/** The validated configuration (see `resolveConfiguration` for the sources and their precedence). */
export function loadConfig(sources: ConfigSources): HotpatchConfig {
  return resolveConfiguration(sources).config;
}
