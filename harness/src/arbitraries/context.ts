// What a generator needs to know besides its own schema: the options, the root's `$defs` (recursive
// schemas point there), how deep it is, and which characters the value's place on the wire allows.

import type { JsonSchema } from '../types.js';
import type { ResolvedOptions } from './options.js';
import { DEFS_PREFIX } from './to-json-schema-2020.js';
import { isSchemaObject } from './schema-graph.js';

/** body: anything; query/path: well-formed unicode; header/cookie: visible ASCII only */
export type Charset = 'any' | 'uri' | 'path' | 'header' | 'cookie';

export interface GenerationContext {
  options: ResolvedOptions;
  defs: Record<string, JsonSchema>;
  depth: number;
  charset: Charset;
}

export function rootContext(root: JsonSchema, options: ResolvedOptions, charset: Charset = 'any'): GenerationContext {
  const defs = isSchemaObject(root) && isSchemaObject(root.$defs) ? (root.$defs as Record<string, JsonSchema>) : {};
  return { options, defs, depth: 0, charset };
}

export function deeper(ctx: GenerationContext): GenerationContext {
  // only a whole path value must be a non-empty segment; the items of an array there may be empty
  return { ...ctx, depth: ctx.depth + 1, charset: ctx.charset === 'path' ? 'uri' : ctx.charset };
}

/** Follows our own `#/$defs/name` references; anything else resolves to itself. */
export function resolveRef(schema: JsonSchema, ctx: GenerationContext): JsonSchema {
  let current = schema;
  for (let hops = 0; hops < 8 && isSchemaObject(current) && typeof current.$ref === 'string'; hops++) {
    const ref = current.$ref as string;
    if (!ref.startsWith(DEFS_PREFIX)) return current;
    const target = ctx.defs[ref.slice(DEFS_PREFIX.length)];
    if (target === undefined) return {};
    const { $ref: _ref, $defs: _defs, ...siblings } = current;
    current = Object.keys(siblings).length === 0 ? target : { allOf: [target, siblings] };
  }
  return current;
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Characters allowed in a header value or cookie value we generate. */
export function allowedByCharset(value: string, charset: Charset): boolean {
  if (LONE_SURROGATE.test(value)) return false;
  switch (charset) {
    case 'any':
    case 'uri':
      return true;
    case 'path':
      return value !== '' && value !== '.' && value !== '..';
    case 'header':
      return /^[\x21-\x7e]*$/.test(value);
    case 'cookie':
      return /^[\x21\x23-\x2b\x2d-\x3a\x3c-\x5b\x5d-\x7e]*$/.test(value);
  }
}

const withDefsCache = new WeakMap<object, JsonSchema>();

/** A subschema that refers to the root's `$defs` compiles only with those defs beside it. */
export function withDefs(node: JsonSchema, ctx: GenerationContext): JsonSchema {
  if (!isSchemaObject(node) || Object.keys(ctx.defs).length === 0 || node.$defs !== undefined) return node;
  let wrapped = withDefsCache.get(node);
  if (!wrapped) {
    wrapped = { ...node, $defs: ctx.defs };
    withDefsCache.set(node, wrapped);
  }
  return wrapped;
}
