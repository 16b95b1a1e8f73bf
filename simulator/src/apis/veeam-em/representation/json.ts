// The JSON representation: the root element's name is dropped, attributes and child elements become
// properties with their XML names, lists become arrays.
import type { Element } from './tree.js';

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

export function toJson(element: Element): { [key: string]: JsonValue } {
  const out: { [key: string]: JsonValue } = {};
  for (const [name, value] of Object.entries(element.attributes)) if (value !== undefined) out[name] = value;
  for (const child of element.children) {
    if (child.kind === 'text') out[child.name] = child.value;
    else if (child.kind === 'element') out[child.element.name] = toJson(child.element);
    else if (child.kind === 'wrapped') out[child.name] = child.items.map(toJson);
    else out[child.jsonName] = child.items.map(toJson);
  }
  return out;
}
