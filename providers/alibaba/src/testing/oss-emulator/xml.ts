/** Escapes text for an XML element (keys may hold `&`, `<`, quotes). */
export function xmlText(value: string | number | boolean): string {
  return String(value).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&apos;");
}

/** Nested elements from a plain description; arrays repeat the element, `undefined` omits it. */
export type XmlValue = string | number | boolean | undefined | XmlNode | XmlNode[];
export interface XmlNode {
  [element: string]: XmlValue | XmlValue[];
}

function render(name: string, value: XmlValue | XmlValue[]): string {
  if (value === undefined) return "";
  if (Array.isArray(value)) return value.map((item) => render(name, item)).join("");
  if (typeof value === "object") return `<${name}>${Object.entries(value).map(([child, v]) => render(child, v)).join("")}</${name}>`;
  return `<${name}>${xmlText(value)}</${name}>`;
}

export function xmlDocument(root: string, body: XmlNode): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n${render(root, body)}`;
}
