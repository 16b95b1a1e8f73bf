// Shared by invalid and boundary values: walk a schema alongside a valid value of it, and turn changes
// proposed for a nested part into changed copies of the whole value.

import type { JsonSchema } from '../types.js';
import { deeper, resolveRef, withDefs, type GenerationContext } from './context.js';
import { mergeAllOf } from './merge-all-of.js';
import { propertySchema, readObjectConstraints } from './object-arbitrary.js';
import { representativeValue } from './representative.js';
import { isSchemaObject } from './schema-graph.js';
import { childPointer } from './warnings.js';

export type SchemaObject = Record<string, unknown>;

/** A schema with references followed and allOf merged: the shape the walkers read. */
export function flatten(schema: JsonSchema, ctx: GenerationContext): JsonSchema {
  const node = resolveRef(schema, ctx);
  if (isSchemaObject(node) && Array.isArray(node.allOf)) return mergeAllOf(node, (s) => resolveRef(s, ctx));
  return node;
}

export function isPlainObject(value: unknown): value is SchemaObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export interface Nested<T> {
  /** the changed value of the whole (parent) */
  value: unknown;
  pointer: string;
  change: T;
}

/** For each property of an object schema: the walker's changes to that property, placed into copies of `base`. */
export function nestIntoProperties<T>(
  node: SchemaObject,
  base: SchemaObject,
  ctx: GenerationContext,
  pointer: string,
  walk: (schema: JsonSchema, ctx: GenerationContext, base: unknown, pointer: string) => Array<{ value: unknown; pointer: string; change: T }>,
  maxProperties = 40,
): Array<Nested<T>> {
  const c = readObjectConstraints(node);
  const out: Array<Nested<T>> = [];
  const inner = deeper(ctx);
  for (const name of Object.keys(c.properties).slice(0, maxProperties)) {
    const schema = propertySchema(c, name);
    const childBase = Object.hasOwn(base, name) ? base[name] : representativeValue(schema, inner, withDefs(schema, ctx));
    for (const child of walk(schema, inner, childBase, childPointer(pointer, name))) {
      out.push({ value: { ...base, [name]: child.value }, pointer: child.pointer, change: child.change });
    }
  }
  return out;
}

/** The walker's changes to the first item of an array schema, placed into copies of `base`. */
export function nestIntoFirstItem<T>(
  items: JsonSchema,
  base: unknown[],
  ctx: GenerationContext,
  pointer: string,
  walk: (schema: JsonSchema, ctx: GenerationContext, base: unknown, pointer: string) => Array<{ value: unknown; pointer: string; change: T }>,
): Array<Nested<T>> {
  const inner = deeper(ctx);
  const childBase = base.length > 0 ? base[0] : representativeValue(items, inner, withDefs(items, ctx));
  return walk(items, inner, childBase, childPointer(pointer, 0)).map((child) => ({
    value: [child.value, ...base.slice(1)],
    pointer: child.pointer,
    change: child.change,
  }));
}

export function codePointLength(s: string): number {
  return [...s].length;
}
