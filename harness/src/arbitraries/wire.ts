// Parameters travel as text. Typed values become wire strings here (integers in decimal, booleans as
// true/false, query arrays as repeated keys, path and header arrays comma-separated, objects as JSON),
// and `survivesWire` tells whether a deliberately invalid value is still invalid once a server has
// read it back from text (the string "123" is a perfectly valid string parameter).

import type { JsonSchema, ParameterLocation } from '../types.js';
import { wireValidatorFor } from './ajv.js';
import { allowedByCharset, type Charset } from './context.js';

export function scalarToWire(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}

/** A typed parameter value as it goes on the wire for its location. */
export function parameterToWire(value: unknown, location: ParameterLocation): string | string[] {
  if (Array.isArray(value)) {
    const items = value.map(scalarToWire);
    return location === 'query' ? items : items.join(',');
  }
  return scalarToWire(value);
}

export function charsetFor(location: ParameterLocation): Charset {
  switch (location) {
    case 'path':
      return 'path';
    case 'query':
      return 'uri';
    case 'header':
      return 'header';
    case 'cookie':
      return 'cookie';
  }
}

/** Whether a wire value can be sent at all from that location (legal header text, a routable path segment). */
export function isSendable(wire: string | string[], location: ParameterLocation): boolean {
  const parts = Array.isArray(wire) ? wire : [wire];
  return parts.every((p) => allowedByCharset(p, charsetFor(location)));
}

/** Reads a wire value back the way a lenient server would (path/header arrays split on commas). */
export function wireToLoose(wire: string | string[], schema: JsonSchema, location: ParameterLocation): unknown {
  if (Array.isArray(wire)) return [...wire];
  const isArraySchema = typeof schema === 'object' && (schema.type === 'array' || (Array.isArray(schema.type) && schema.type.includes('array')));
  if (isArraySchema && location !== 'query') return wire === '' ? [] : wire.split(',');
  return wire;
}

/** True when the converted schema still rejects the value after it was read back from the wire with type coercion. */
export function stillInvalidOnWire(loose: unknown, convertedSchema: JsonSchema): boolean {
  const validate = wireValidatorFor(convertedSchema);
  if (validate === null) return false;
  const holder = { value: structuredClone(loose) };
  return validate(holder.value) !== true;
}
