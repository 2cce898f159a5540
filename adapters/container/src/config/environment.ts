import { emptyLayer, type Layer } from "./layer.js";
import { CONFIG_FILE_VARIABLE, OTHER_TOOLS_VARIABLES, SETTINGS, type Setting } from "./settings.js";
import { closestName } from "./suggest.js";

export type Environment = Readonly<Record<string, string | undefined>>;

const BY_VARIABLE = new Map<string, Setting>(SETTINGS.flatMap((setting) => [setting.variable, ...(setting.aliases ?? [])].map((name) => [name, setting] as const)));
const KNOWN_NAMES = [...BY_VARIABLE.keys(), CONFIG_FILE_VARIABLE];

/** "did you mean …?", saying the current name when the closest one is an older name. */
function suggestion(name: string): string {
  const meant = closestName(name, KNOWN_NAMES);
  if (!meant) return "";
  const current = BY_VARIABLE.get(meant)?.variable;
  return current && current !== meant ? ` (did you mean ${meant}, now called ${current}?)` : ` (did you mean ${meant}?)`;
}

/**
 * Text → the value the schema checks. What does not parse stays text, so the schema refuses it with
 * the key's expectation ("must be true or false") rather than a parser's message.
 */
function parse(setting: Setting, text: string): { value: unknown } | { error: string } {
  switch (setting.kind) {
    case "text":
      return { value: text };
    case "boolean":
      return { value: text === "true" ? true : text === "false" ? false : text };
    case "integer":
      return { value: /^\d+$/.test(text) ? Number(text) : text };
    case "json":
      try {
        return { value: JSON.parse(text) as unknown };
      } catch {
        // The parser's message quotes the text, which may hold a secret: say only what is expected.
        return { error: `${setting.variable} (${setting.key}) is not valid JSON` };
      }
  }
}

/**
 * The environment's layer: every `HOTPATCH_*` variable must be a known one (or an older name of one);
 * anything else is a typo, reported with the closest known name. An empty value counts as unset, as
 * templates write `''` for "not configured".
 */
export function layerFromEnvironment(env: Environment): Layer {
  const layer = emptyLayer();
  for (const [name, rawValue] of Object.entries(env)) {
    if (!name.startsWith("HOTPATCH_") || name === CONFIG_FILE_VARIABLE || OTHER_TOOLS_VARIABLES.includes(name)) continue;
    const setting = BY_VARIABLE.get(name);
    if (!setting) {
      layer.issues.push({ variable: name, key: undefined, message: `unknown variable ${name}${suggestion(name)}` });
      continue;
    }
    const text = rawValue?.trim();
    if (text === undefined || text === "") continue;
    const earlier = layer.origins.get(setting.key);
    if (earlier !== undefined) {
      layer.issues.push({ variable: name, key: setting.key, message: `${earlier} and ${name} both set ${setting.key}; keep only ${setting.variable}` });
      continue;
    }
    const parsed = parse(setting, text);
    if ("error" in parsed) {
      layer.issues.push({ variable: name, key: setting.key, message: parsed.error });
      continue;
    }
    layer.values.set(setting.key, parsed.value);
    layer.origins.set(setting.key, name);
    layer.raw.set(setting.key, text);
  }
  return layer;
}
