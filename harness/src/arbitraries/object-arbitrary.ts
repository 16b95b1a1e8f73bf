// Objects: required properties always, optional ones sometimes (fast-check's record shrinks them
// away), extra keys only where additionalProperties is a schema (a map) or minProperties needs them.
// Past the depth limit only required properties are generated.

import fc from 'fast-check';
import type { JsonSchema } from '../types.js';
import type { SubschemaArbitrary } from './array-arbitrary.js';
import { boundedFilter } from './bounded-filter.js';
import { deeper, type GenerationContext } from './context.js';
import { asCount } from './keyword-values.js';
import { compilePattern } from './pattern.js';
import { isSchemaObject } from './schema-graph.js';

/** The object keywords of a (converted) schema. */
export interface ObjectConstraints {
  properties: Record<string, JsonSchema>;
  required: string[];
  additionalProperties: JsonSchema;
  patternProperties: Record<string, JsonSchema>;
  minProperties: number;
  maxProperties?: number;
}

const MAX_EXTRA_KEYS = 2;

export function readObjectConstraints(schema: Record<string, unknown>): ObjectConstraints {
  return {
    properties: isSchemaObject(schema.properties) ? (schema.properties as Record<string, JsonSchema>) : {},
    required: Array.isArray(schema.required) ? (schema.required as string[]) : [],
    additionalProperties: (schema.additionalProperties as JsonSchema | undefined) ?? true,
    patternProperties: isSchemaObject(schema.patternProperties) ? (schema.patternProperties as Record<string, JsonSchema>) : {},
    minProperties: asCount(schema.minProperties) ?? 0,
    maxProperties: asCount(schema.maxProperties),
  };
}

/** The schema a given property name must satisfy under these constraints. */
export function propertySchema(c: ObjectConstraints, name: string): JsonSchema {
  const matching = Object.entries(c.patternProperties)
    .filter(([pattern]) => {
      const compiled = compilePattern(pattern);
      return compiled.ok && compiled.regex.test(name);
    })
    .map(([, schema]) => schema);
  const declared = Object.hasOwn(c.properties, name) ? c.properties[name] : undefined;
  const own = declared ?? (matching.length > 0 ? undefined : c.additionalProperties === false ? true : c.additionalProperties);
  const all = [...(own === undefined ? [] : [own]), ...matching];
  if (all.length === 0) return true;
  return all.length === 1 ? all[0]! : { allOf: all };
}

export function objectArbitrary(
  schema: Record<string, unknown>,
  ctx: GenerationContext,
  sub: SubschemaArbitrary,
): fc.Arbitrary<Record<string, unknown>> {
  const c = readObjectConstraints(schema);
  const inner = deeper(ctx);
  const atLimit = ctx.depth >= ctx.options.maxDepth;
  const required = [...c.required];
  const optional = atLimit ? [] : Object.keys(c.properties).filter((n) => !required.includes(n));
  while (required.length < c.minProperties && optional.length > 0) required.push(optional.shift()!);

  const model: Record<string, fc.Arbitrary<unknown>> = {};
  for (const name of [...required, ...optional]) model[name] = sub(propertySchema(c, name), inner);
  const record = fc.record(model, { requiredKeys: required, noNullPrototype: true });

  const extraSchema = c.additionalProperties;
  const canAddExtras = extraSchema !== false && Object.keys(c.patternProperties).length === 0;
  const missingCount = Math.max(0, c.minProperties - required.length);
  const wantsMap = isSchemaObject(extraSchema) && Object.keys(extraSchema).length > 0 && !atLimit;
  if (!canAddExtras || (!wantsMap && missingCount === 0)) return limitCount(record, c, record);

  const declared = new Set(Object.keys(c.properties));
  const key = fc
    .string({ minLength: 1, maxLength: 8, unit: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz_0123456789') })
    .filter((k) => !declared.has(k) && k !== '__proto__');
  const extras = fc.dictionary(key, sub(extraSchema, inner), {
    minKeys: missingCount,
    maxKeys: Math.max(missingCount, wantsMap ? MAX_EXTRA_KEYS : 0),
    noNullPrototype: true,
  });
  const combined = fc.tuple(record, extras).map(([declaredPart, extraPart]) => ({ ...declaredPart, ...extraPart }));
  return limitCount(combined, c, record);
}

function limitCount(
  arbitrary: fc.Arbitrary<Record<string, unknown>>,
  c: ObjectConstraints,
  fallback: fc.Arbitrary<Record<string, unknown>>,
): fc.Arbitrary<Record<string, unknown>> {
  if (c.maxProperties === undefined) return arbitrary;
  const max = c.maxProperties;
  return boundedFilter(arbitrary, (o) => Object.keys(o).length <= max, () => fallback);
}
