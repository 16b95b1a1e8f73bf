// Strings from type/minLength/maxLength/pattern/format, within the characters their place allows.
// A pattern is used with fc.stringMatching when JavaScript can run it; lengths, format and charset
// are then enforced by a bounded filter, falling back to plain strings (never a throw).

import fc from 'fast-check';
import { validatorFor } from './ajv.js';
import { boundedFilter } from './bounded-filter.js';
import { allowedByCharset, type Charset, type GenerationContext } from './context.js';
import { formatArbitrary, isKnownStringFormat } from './format-arbitrary.js';
import { asCount } from './keyword-values.js';

/** The string keywords of a (converted) schema. */
export interface StringConstraints {
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  format?: string;
}

export function stringArbitrary(schema: Record<string, unknown>, ctx: GenerationContext): fc.Arbitrary<string> {
  const constraints = readStringConstraints(schema);
  const minLength = Math.max(constraints.minLength ?? 0, ctx.charset === 'path' ? 1 : 0);
  const schemaMax = Math.max(minLength, constraints.maxLength ?? Infinity);
  const plainMax = Math.min(schemaMax, Math.max(minLength, ctx.options.maxLength));
  const formatted = constraints.format !== undefined && isKnownStringFormat(constraints.format);
  if (constraints.pattern === undefined && !formatted) {
    // built exactly to the constraints; only the path charset has values ('.', '..') to leave out
    const plain = plainString(minLength, plainMax, ctx.charset);
    return ctx.charset === 'path' ? plain.filter((s) => allowedByCharset(s, 'path')) : plain;
  }

  // big specs repeat the same pattern on many parameters; the bounded filter samples once per shape
  const key = JSON.stringify([constraints, minLength, schemaMax, plainMax, ctx.charset, documentedValues(schema)]);
  const known = shapedCache.get(key);
  if (known) return known;
  const shaped = shapedString(schema, constraints, minLength, schemaMax, plainMax, ctx.charset);
  shapedCache.set(key, shaped);
  return shaped;
}

const shapedCache = new Map<string, fc.Arbitrary<string>>();

function shapedString(
  schema: Record<string, unknown>,
  constraints: StringConstraints,
  minLength: number,
  schemaMax: number,
  plainMax: number,
  charset: Charset,
): fc.Arbitrary<string> {
  const formatted = constraints.format !== undefined && isKnownStringFormat(constraints.format);
  // the size cap is for free text; a pattern or format decides its own length (a uuid needs 36)
  const base = baseArbitrary(constraints, minLength, schemaMax, charset);
  const regex = constraints.pattern !== undefined ? new RegExp(constraints.pattern, 'u') : undefined;
  const formatJudge = formatted ? validatorFor(formatOnlySchema(constraints.format!)) : null;
  const predicate = (s: string) => {
    const length = [...s].length;
    return (
      length >= minLength &&
      length <= schemaMax &&
      allowedByCharset(s, charset) &&
      (regex === undefined || regex.test(s)) &&
      (formatJudge === null || formatJudge(s) === true)
    );
  };
  return boundedFilter(base, predicate, () => {
    const documented = documentedValues(schema).filter(predicate);
    return documented.length > 0 ? fc.constantFrom(...documented) : plainString(minLength, plainMax, charset);
  });
}

const formatSchemas = new Map<string, Record<string, unknown>>();

function formatOnlySchema(format: string): Record<string, unknown> {
  let schema = formatSchemas.get(format);
  if (!schema) formatSchemas.set(format, (schema = { type: 'string', format }));
  return schema;
}

function documentedValues(schema: Record<string, unknown>): string[] {
  const values = [...(Array.isArray(schema.examples) ? schema.examples : []), schema.default];
  return values.filter((v): v is string => typeof v === 'string');
}

export function readStringConstraints(schema: Record<string, unknown>): StringConstraints {
  return {
    minLength: asCount(schema.minLength),
    maxLength: asCount(schema.maxLength),
    pattern: typeof schema.pattern === 'string' ? schema.pattern : undefined,
    format: typeof schema.format === 'string' ? schema.format : undefined,
  };
}

function baseArbitrary(c: StringConstraints, minLength: number, maxLength: number, charset: Charset): fc.Arbitrary<string> {
  if (c.pattern !== undefined) {
    try {
      return fc.stringMatching(new RegExp(c.pattern, 'u'), Number.isFinite(maxLength) ? { maxLength } : {});
    } catch {
      // syntax fast-check cannot generate from (lookarounds, back references): plain strings, filtered
    }
  }
  if (c.format !== undefined) {
    const formatted = formatArbitrary(c.format);
    if (formatted) return formatted;
  }
  return plainString(minLength, maxLength, charset);
}

export function plainString(minLength: number, maxLength: number, charset: Charset): fc.Arbitrary<string> {
  if (charset === 'header' || charset === 'cookie') {
    const chars = [...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.~'];
    return fc.string({ unit: fc.constantFrom(...chars), minLength, maxLength });
  }
  return fc.string({ minLength, maxLength });
}
