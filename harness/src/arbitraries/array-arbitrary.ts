// Arrays from items/prefixItems, minItems/maxItems and uniqueItems. Past the depth limit an array
// gets only its minimum length, so recursive schemas end.

import fc from 'fast-check';
import type { JsonSchema } from '../types.js';
import { deeper, type GenerationContext } from './context.js';
import { asCount } from './keyword-values.js';

export type SubschemaArbitrary = (schema: JsonSchema, ctx: GenerationContext) => fc.Arbitrary<unknown>;

/** The array keywords of a (converted) schema. */
export interface ArrayConstraints {
  items: JsonSchema;
  prefixItems: JsonSchema[];
  minItems: number;
  maxItems?: number;
  uniqueItems: boolean;
}

export function readArrayConstraints(schema: Record<string, unknown>): ArrayConstraints {
  return {
    items: (schema.items as JsonSchema | undefined) ?? true,
    prefixItems: Array.isArray(schema.prefixItems) ? (schema.prefixItems as JsonSchema[]) : [],
    minItems: asCount(schema.minItems) ?? 0,
    maxItems: asCount(schema.maxItems),
    uniqueItems: schema.uniqueItems === true,
  };
}

export function arrayArbitrary(
  schema: Record<string, unknown>,
  ctx: GenerationContext,
  sub: SubschemaArbitrary,
): fc.Arbitrary<unknown[]> {
  const c = readArrayConstraints(schema);
  const inner = deeper(ctx);
  const atLimit = ctx.depth >= ctx.options.maxDepth;
  const schemaMax = c.maxItems ?? Infinity;
  const maxLength = Math.max(c.minItems, Math.min(schemaMax, atLimit ? c.minItems : Math.max(c.minItems, ctx.options.maxItems)));

  const prefixCount = Math.min(c.prefixItems.length, maxLength);
  const prefix = c.prefixItems.slice(0, prefixCount).map((s) => sub(s, inner));
  const restMin = Math.max(0, c.minItems - prefixCount);
  const restMax = c.items === false ? 0 : Math.max(restMin, maxLength - prefixCount);
  const itemArb = sub(c.items, inner);
  const rest = c.uniqueItems
    ? fc.uniqueArray(itemArb, { minLength: restMin, maxLength: restMax, selector: canonicalJson })
    : fc.array(itemArb, { minLength: restMin, maxLength: restMax });
  const whole = fc.tuple(fc.tuple(...prefix), rest).map(([head, tail]) => [...head, ...tail]);
  return c.uniqueItems && prefix.length > 0 ? whole.filter(allDistinct) : whole;
}

/** JSON with sorted keys: equal for values ajv's uniqueItems considers equal. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v !== null && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}

function allDistinct(values: unknown[]): boolean {
  return new Set(values.map(canonicalJson)).size === values.length;
}
