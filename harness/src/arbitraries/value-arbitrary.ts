// valueArbitrary: any OpenAPI schema -> a fast-check arbitrary of values that validate against it.
// The schema is first converted to JSON Schema 2020-12 (toJsonSchema2020); this module dispatches on
// const/enum, composition (allOf merged, anyOf/oneOf as branches) and type, and hands each type to its
// own generator. Composite schemas are filtered by ajv (bounded), so lossy merges never leak out.

import fc from 'fast-check';
import type { JsonSchema } from '../types.js';
import { validatorFor } from './ajv.js';
import { arrayArbitrary } from './array-arbitrary.js';
import { boundedFilter } from './bounded-filter.js';
import { allowedByCharset, resolveRef, rootContext, withDefs, type Charset, type GenerationContext } from './context.js';
import { isJsonType, type JsonType } from './keyword-values.js';
import { mergeAllOf } from './merge-all-of.js';
import { numberArbitrary, readNumberConstraints } from './number-arbitrary.js';
import { objectArbitrary } from './object-arbitrary.js';
import { resolveOptions, type SchemaArbitraryOptions } from './options.js';
import { isSchemaObject } from './schema-graph.js';
import { stringArbitrary } from './string-arbitrary.js';
import { toJsonSchema2020 } from './to-json-schema-2020.js';
import type { WarningSink } from './warnings.js';

type SchemaObject = Record<string, unknown>;

/** Keywords the generators do not build towards: values are filtered by ajv instead (bounded). */
const FILTERED_KEYWORDS = ['not', 'if', 'dependentRequired', 'dependentSchemas', 'propertyNames', 'contains', 'unevaluatedProperties', 'unevaluatedItems'];

/** Past this many nested levels beyond maxDepth a (necessarily infinite) required recursion is cut. */
const HARD_DEPTH_MARGIN = 8;

export interface ValueArbitraryOptions extends SchemaArbitraryOptions {
  /** which characters string values may use: the place the value goes on the wire (default 'any') */
  charset?: Charset;
  warnings?: WarningSink;
}

// Arbitraries are immutable, so one per converted schema and settings is built once.
const cache = new WeakMap<object, Map<string, fc.Arbitrary<unknown>>>();

export function valueArbitrary(schema: JsonSchema, options: ValueArbitraryOptions): fc.Arbitrary<unknown> {
  const resolved = resolveOptions(options);
  const converted = toJsonSchema2020(schema, resolved.dialect, { direction: resolved.direction, warnings: options.warnings });
  const ctx = rootContext(converted, resolved, options.charset);
  if (typeof converted === 'boolean') return convertedValueArbitrary(converted, ctx);
  let bySettings = cache.get(converted);
  if (!bySettings) cache.set(converted, (bySettings = new Map()));
  const key = JSON.stringify([resolved, ctx.charset]);
  let arbitrary = bySettings.get(key);
  if (!arbitrary) bySettings.set(key, (arbitrary = convertedValueArbitrary(converted, ctx)));
  return arbitrary;
}

/** For a schema already converted by toJsonSchema2020. */
export function convertedValueArbitrary(schema: JsonSchema, ctx: GenerationContext): fc.Arbitrary<unknown> {
  const node = resolveRef(schema, ctx);
  if (node === true) return anyValue(ctx);
  if (node === false || !isSchemaObject(node)) return fc.constant(null);
  if (ctx.depth > ctx.options.maxDepth + HARD_DEPTH_MARGIN) return fc.constant(null);

  if (node.const !== undefined) return fc.constant(node.const);
  if (Array.isArray(node.enum)) return enumArbitrary(node, ctx);
  if (Array.isArray(node.allOf)) {
    const merged = mergeAllOf(node, (s) => resolveRef(s, ctx));
    return judged(convertedValueArbitrary(merged, ctx), node, ctx);
  }
  const branches = (node.oneOf ?? node.anyOf) as JsonSchema[] | undefined;
  if (Array.isArray(branches)) {
    const { oneOf: _one, anyOf: _any, ...siblings } = node;
    const plainSiblings = Object.keys(siblings).length === 0;
    const arbs = branches.map((branch) =>
      convertedValueArbitrary(plainSiblings ? branch : mergeAllOf({ allOf: [siblings, branch] }, (s) => resolveRef(s, ctx)), ctx),
    );
    return judged(fc.oneof(...arbs), node, ctx);
  }
  const plain = typedArbitrary(node, ctx);
  return FILTERED_KEYWORDS.some((k) => node[k] !== undefined) ? judged(plain, node, ctx) : plain;
}

function typedArbitrary(node: SchemaObject, ctx: GenerationContext): fc.Arbitrary<unknown> {
  const types = declaredTypes(node);
  if (types.length === 0) return anyValue(ctx);
  const nonNull = types.filter((t) => t !== 'null' && !(t === 'integer' && types.includes('number')));
  const arbs = nonNull.map((t) => arbitraryForType(t, node, ctx));
  if (!types.includes('null')) return arbs.length === 1 ? arbs[0]! : fc.oneof(...arbs);
  if (arbs.length === 0) return fc.constant(null);
  return fc.oneof({ arbitrary: fc.oneof(...arbs), weight: 4 }, { arbitrary: fc.constant(null), weight: 1 });
}

function arbitraryForType(type: JsonType, node: SchemaObject, ctx: GenerationContext): fc.Arbitrary<unknown> {
  switch (type) {
    case 'string':
      return stringArbitrary(node, ctx);
    case 'integer':
    case 'number':
      return numberArbitrary(readNumberConstraints(node, type === 'integer'));
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'array':
      return arrayArbitrary(node, ctx, convertedValueArbitrary);
    case 'object':
      return objectArbitrary(node, ctx, convertedValueArbitrary);
  }
}

/** The types a schema allows: its `type`, or what its keywords imply when it has none. */
export function declaredTypes(node: SchemaObject): JsonType[] {
  if (node.type !== undefined) {
    const list = Array.isArray(node.type) ? node.type : [node.type];
    return list.filter(isJsonType);
  }
  const has = (...keys: string[]) => keys.some((k) => node[k] !== undefined);
  if (has('properties', 'required', 'additionalProperties', 'patternProperties', 'minProperties', 'maxProperties')) return ['object'];
  if (has('items', 'prefixItems', 'minItems', 'maxItems', 'uniqueItems')) return ['array'];
  if (has('minLength', 'maxLength', 'pattern')) return ['string'];
  if (has('minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'multipleOf')) return ['number'];
  if (typeof node.format === 'string') {
    return ['int32', 'int64'].includes(node.format) ? ['integer'] : ['float', 'double'].includes(node.format) ? ['number'] : ['string'];
  }
  return [];
}

function enumArbitrary(node: SchemaObject, ctx: GenerationContext): fc.Arbitrary<unknown> {
  const values = node.enum as unknown[];
  const types = declaredTypes(node);
  // vendor enums sometimes list values of the wrong type: leave those out when others remain
  const valid = values.filter((v) => (types.length === 0 || types.includes(jsonTypeOf(v)) || (jsonTypeOf(v) === 'integer' && types.includes('number'))) && (typeof v !== 'string' || allowedByCharset(v, ctx.charset)));
  return fc.constantFrom(...(valid.length > 0 ? valid : values));
}

function jsonTypeOf(value: unknown): JsonType {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  if (typeof value === 'string' || typeof value === 'boolean' || typeof value === 'object') return typeof value as JsonType;
  return 'null';
}

function anyValue(ctx: GenerationContext): fc.Arbitrary<unknown> {
  const text = ctx.charset === 'header' || ctx.charset === 'cookie' ? fc.stringMatching(/^[a-z0-9]{1,8}$/) : fc.string({ minLength: 1, maxLength: 8 });
  return fc.oneof(text, fc.integer({ min: -1000, max: 1000 }), fc.boolean());
}

/** Keeps only values ajv accepts for the node (bounded: rare successes become constants). */
function judged(arbitrary: fc.Arbitrary<unknown>, node: SchemaObject, ctx: GenerationContext): fc.Arbitrary<unknown> {
  const validate = validatorFor(withDefs(node, ctx));
  if (validate === null) return arbitrary;
  return boundedFilter(arbitrary, (v) => validate(v) === true, () => arbitrary);
}
