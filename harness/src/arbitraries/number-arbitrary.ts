// Integers and numbers from minimum/maximum (inclusive or exclusive), multipleOf and the numeric
// formats. Unbounded values stay in the int32 range so requests stay readable.

import fc from 'fast-check';
import { boundedFilter } from './bounded-filter.js';
import { NUMERIC_FORMATS } from './format-arbitrary.js';
import { asNumber } from './keyword-values.js';

/** The numeric keywords of a (converted, so 2020-12) schema. */
export interface NumberConstraints {
  integer: boolean;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  multipleOf?: number;
  format?: string;
}

const DEFAULT_RANGE = 2 ** 31;

export function readNumberConstraints(schema: Record<string, unknown>, integer: boolean): NumberConstraints {
  return {
    integer,
    minimum: asNumber(schema.minimum),
    maximum: asNumber(schema.maximum),
    exclusiveMinimum: asNumber(schema.exclusiveMinimum),
    exclusiveMaximum: asNumber(schema.exclusiveMaximum),
    multipleOf: asNumber(schema.multipleOf),
    format: typeof schema.format === 'string' ? schema.format : undefined,
  };
}

export function satisfiesNumber(value: number, c: NumberConstraints): boolean {
  if (!Number.isFinite(value)) return false;
  if (c.integer && !Number.isInteger(value)) return false;
  if (c.minimum !== undefined && value < c.minimum) return false;
  if (c.maximum !== undefined && value > c.maximum) return false;
  if (c.exclusiveMinimum !== undefined && value <= c.exclusiveMinimum) return false;
  if (c.exclusiveMaximum !== undefined && value >= c.exclusiveMaximum) return false;
  // the same test ajv applies (without multipleOfPrecision)
  if (c.multipleOf !== undefined && c.multipleOf > 0 && !Number.isInteger(value / c.multipleOf)) return false;
  return true;
}

export function numberArbitrary(c: NumberConstraints): fc.Arbitrary<number> {
  const range = integerRange(c);
  const fallback = () => fc.constant(range.lo <= range.hi ? range.lo : Math.max(range.lo, range.hi));
  if (c.multipleOf !== undefined && c.multipleOf > 0) {
    const m = c.multipleOf;
    const kLo = Math.ceil(range.lo / m);
    const kHi = Math.floor(range.hi / m);
    if (kLo > kHi || !Number.isSafeInteger(kLo) || !Number.isSafeInteger(kHi)) return fallback();
    return boundedFilter(fc.integer({ min: kLo, max: kHi }).map((k) => k * m + 0), (v) => satisfiesNumber(v, c), fallback);
  }
  if (c.integer) {
    if (range.lo > range.hi) return fallback();
    return fc.integer({ min: range.lo, max: range.hi });
  }
  return doubleArbitrary(c);
}

/** Integer bounds implied by the constraints, clamped to the format and to a modest default range. */
function integerRange(c: NumberConstraints): { lo: number; hi: number } {
  const format = c.format !== undefined ? NUMERIC_FORMATS[c.format] : undefined;
  const lows = [c.minimum !== undefined ? Math.ceil(c.minimum) : undefined, c.exclusiveMinimum !== undefined ? Math.floor(c.exclusiveMinimum) + 1 : undefined];
  const highs = [c.maximum !== undefined ? Math.floor(c.maximum) : undefined, c.exclusiveMaximum !== undefined ? Math.ceil(c.exclusiveMaximum) - 1 : undefined];
  const definedLows = lows.filter((v): v is number => v !== undefined);
  const definedHighs = highs.filter((v): v is number => v !== undefined);
  const hasLo = definedLows.length > 0;
  const hasHi = definedHighs.length > 0;
  let lo = hasLo ? Math.max(...definedLows) : -DEFAULT_RANGE;
  let hi = hasHi ? Math.min(...definedHighs) : DEFAULT_RANGE - 1;
  // keep an open side modest relative to the bounded side
  if (hasLo && !hasHi) hi = Math.max(lo, 0) + DEFAULT_RANGE - 1;
  if (hasHi && !hasLo) lo = Math.min(hi, 0) - DEFAULT_RANGE;
  if (format) {
    lo = Math.max(lo, Math.ceil(format.min));
    hi = Math.min(hi, Math.floor(format.max));
  }
  return { lo: Math.max(lo, Number.MIN_SAFE_INTEGER), hi: Math.min(hi, Number.MAX_SAFE_INTEGER) };
}

function doubleArbitrary(c: NumberConstraints): fc.Arbitrary<number> {
  const min = c.exclusiveMinimum !== undefined && (c.minimum === undefined || c.exclusiveMinimum >= c.minimum) ? c.exclusiveMinimum : c.minimum;
  const max = c.exclusiveMaximum !== undefined && (c.maximum === undefined || c.exclusiveMaximum <= c.maximum) ? c.exclusiveMaximum : c.maximum;
  const minExcluded = min !== undefined && min === c.exclusiveMinimum;
  const maxExcluded = max !== undefined && max === c.exclusiveMaximum;
  const lo = min ?? (max !== undefined ? Math.min(max, 0) - 1e6 : -1e6);
  const hi = max ?? (min !== undefined ? Math.max(min, 0) + 1e6 : 1e6);
  if (lo > hi || (lo === hi && (minExcluded || maxExcluded))) return fc.constant(lo);
  const doubles = fc
    .double({ min: lo, max: hi, minExcluded, maxExcluded, noNaN: true, noDefaultInfinity: true })
    .map((v) => v + 0); // -0 becomes 0: JSON has no negative zero
  const intLo = Math.max(Math.ceil(lo), Number.MIN_SAFE_INTEGER);
  const intHi = Math.min(Math.floor(hi), Number.MAX_SAFE_INTEGER);
  if (intLo > intHi) return doubles.filter((v) => satisfiesNumber(v, c));
  const integers = fc.integer({ min: intLo, max: intHi });
  return fc.oneof(integers, doubles).filter((v) => satisfiesNumber(v, c));
}
