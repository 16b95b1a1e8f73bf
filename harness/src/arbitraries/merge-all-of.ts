// allOf as one schema: properties and required united, bounds intersected, types intersected. The
// merge is what generation builds from; where it cannot be exact (two patterns, two oneOfs) the
// caller still filters by the original schema, so the merge only has to be a good first guess.

import type { JsonSchema } from '../types.js';
import { isSchemaObject } from './schema-graph.js';

type SchemaObject = Record<string, unknown>;

const MAX_OF = ['minimum', 'exclusiveMinimum', 'minLength', 'minItems', 'minProperties', 'minContains'] as const;
const MIN_OF = ['maximum', 'exclusiveMaximum', 'maxLength', 'maxItems', 'maxProperties', 'maxContains'] as const;

/** Flattens nested allOf and merges every branch (the node's own keywords are one more branch). */
export function mergeAllOf(node: SchemaObject, resolve: (s: JsonSchema) => JsonSchema): JsonSchema {
  const branches: JsonSchema[] = [];
  const collect = (schema: JsonSchema, depth: number) => {
    const resolved = resolve(schema);
    if (!isSchemaObject(resolved) || depth > 16) {
      branches.push(resolved);
      return;
    }
    const { allOf, ...rest } = resolved;
    branches.push(rest);
    if (Array.isArray(allOf)) for (const sub of allOf) collect(sub as JsonSchema, depth + 1);
  };
  collect(node, 0);
  return branches.reduce<JsonSchema>((acc, b) => mergeTwo(acc, b), true);
}

function mergeTwo(a: JsonSchema, b: JsonSchema): JsonSchema {
  if (a === false || b === false) return false;
  if (a === true) return b;
  if (b === true) return a;
  const out: SchemaObject = { ...a };
  for (const [key, value] of Object.entries(b)) {
    if (value === undefined) continue;
    const mine = out[key];
    if (mine === undefined) {
      out[key] = value;
      continue;
    }
    if ((MAX_OF as readonly string[]).includes(key)) out[key] = Math.max(mine as number, value as number);
    else if ((MIN_OF as readonly string[]).includes(key)) out[key] = Math.min(mine as number, value as number);
    else if (key === 'type') out.type = intersectTypes(mine, value);
    else if (key === 'required') out.required = [...new Set([...(mine as string[]), ...(value as string[])])];
    else if (key === 'enum') out.enum = (mine as unknown[]).filter((v) => (value as unknown[]).some((w) => deepEqual(v, w)));
    else if (key === 'properties') out.properties = mergeProperties(mine as SchemaObject, value as SchemaObject);
    else if (key === 'items' || key === 'additionalProperties' || key === 'propertyNames' || key === 'contains') {
      out[key] = mergeTwo(mine as JsonSchema, value as JsonSchema);
    } else if (key === 'uniqueItems') out.uniqueItems = mine === true || value === true;
    else if (key === 'readOnly' || key === 'writeOnly') out[key] = mine === true || value === true;
    // anything else (pattern, format, oneOf, ...): the first one wins; the caller's filter covers the rest
  }
  restrictToClosedProperties(out, a, b);
  return out;
}

function mergeProperties(a: SchemaObject, b: SchemaObject): SchemaObject {
  const out: SchemaObject = { ...a };
  for (const [name, schema] of Object.entries(b)) {
    out[name] = out[name] === undefined ? schema : { allOf: [out[name], schema] };
  }
  return out;
}

/** A branch with additionalProperties false allows only its own property names, whatever other branches add. */
function restrictToClosedProperties(out: SchemaObject, a: SchemaObject, b: SchemaObject): void {
  const closed = [a, b].filter((s) => s.additionalProperties === false);
  if (closed.length === 0 || !isSchemaObject(out.properties)) return;
  const allowed = closed.map((s) => new Set(Object.keys(isSchemaObject(s.properties) ? s.properties : {})));
  out.properties = Object.fromEntries(
    Object.entries(out.properties).filter(([name]) => allowed.every((set) => set.has(name))),
  );
  out.additionalProperties = false;
}

function intersectTypes(a: unknown, b: unknown): unknown {
  const left = Array.isArray(a) ? (a as string[]) : [a as string];
  const right = Array.isArray(b) ? (b as string[]) : [b as string];
  const both = new Set<string>();
  for (const t of left) {
    if (right.includes(t)) both.add(t);
    else if (t === 'number' && right.includes('integer')) both.add('integer');
    else if (t === 'integer' && right.includes('number')) both.add('integer');
  }
  const list = [...both];
  return list.length === 1 ? list[0] : list;
}

export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  return ka.every((k) => deepEqual((a as SchemaObject)[k], (b as SchemaObject)[k]));
}
