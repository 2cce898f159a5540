import type { ConfigurationIssue } from "../errors.js";
import { SETTINGS } from "./settings.js";
import { didYouMean } from "./suggest.js";

/**
 * One source of configuration, flattened to dotted keys: the values it sets, where each came from
 * (a variable name, the file, a flag), and the text it was given (for "got …" in messages).
 */
export interface Layer {
  values: Map<string, unknown>;
  origins: Map<string, string>;
  raw: Map<string, string>;
  issues: ConfigurationIssue[];
}

export function emptyLayer(): Layer {
  return { values: new Map(), origins: new Map(), raw: new Map(), issues: [] };
}

const KEYS = SETTINGS.map((setting) => setting.key);
const SECTIONS = new Set(KEYS.filter((key) => key.includes(".")).map((key) => key.split(".")[0] as string));
/** What may stand at the top of the file: sections and top-level keys. */
const TOP_LEVEL = [...SECTIONS, ...KEYS.filter((key) => !key.includes("."))];

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * Flattens a nested object (hotpatch.config.json, or defaults and flags given in code) to dotted keys.
 * Unknown keys are issues here, with a suggestion, rather than being silently dropped.
 */
export function layerFromObject(input: unknown, origin: string): Layer {
  const layer = emptyLayer();
  if (!isPlainObject(input)) {
    layer.issues.push({ variable: origin, key: undefined, message: `${origin} must hold a JSON object` });
    return layer;
  }
  const visit = (object: Record<string, unknown>, prefix: string): void => {
    for (const [name, value] of Object.entries(object)) {
      const key = prefix ? `${prefix}.${name}` : name;
      if (value === undefined) continue;
      if (KEYS.includes(key)) {
        layer.values.set(key, value);
        layer.origins.set(key, origin);
      } else if (!prefix && SECTIONS.has(key)) {
        if (isPlainObject(value)) visit(value, key);
        else layer.issues.push({ variable: key, key, message: `"${key}" in ${origin} must be an object of settings` });
      } else {
        const known = prefix ? KEYS.filter((candidate) => candidate.startsWith(`${prefix}.`)) : TOP_LEVEL;
        layer.issues.push({ variable: key, key, message: `unknown key "${key}" in ${origin}${didYouMean(key, known)}` });
      }
    }
  };
  visit(input, "");
  return layer;
}

/** Later layers win, key by key. */
export function mergeLayers(layers: readonly Layer[]): Layer {
  const merged = emptyLayer();
  for (const layer of layers) {
    for (const [key, value] of layer.values) {
      merged.values.set(key, value);
      merged.origins.set(key, layer.origins.get(key) as string);
      const raw = layer.raw.get(key);
      if (raw === undefined) merged.raw.delete(key);
      else merged.raw.set(key, raw);
    }
    merged.issues.push(...layer.issues);
  }
  return merged;
}

/** Dotted keys back to the nested shape the schema checks. */
export function unflatten(values: ReadonlyMap<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of values) {
    const parts = key.split(".");
    let node = out;
    for (const part of parts.slice(0, -1)) {
      if (!isPlainObject(node[part])) node[part] = {};
      node = node[part] as Record<string, unknown>;
    }
    node[parts.at(-1) as string] = value;
  }
  return out;
}
