// requestArbitrary: valid requests for an operation. Each parameter gets a typed value from its
// schema, serialized for its location (required ones always, optional ones sometimes); the body, in
// the first media type we can write, follows the request side of its schema (no readOnly fields).
// Everything is built from fc.record, so a failing request shrinks towards its required parts.

import fc from 'fast-check';
import type { JsonSchema, Operation, OperationParameter } from '../types.js';
import type { SchemaArbitraryOptions } from './options.js';
import { formRoundTrip, isFormMediaType } from './serialize-body.js';
import { toJsonSchema2020 } from './to-json-schema-2020.js';
import { chooseMediaType, isIgnoredHeader, requestOptions, type RequestArbitraryOptions, type RequestParts } from './request-parts.js';
import { valueArbitrary } from './value-arbitrary.js';
import { boundedFilter } from './bounded-filter.js';
import { charsetFor, isSendable, parameterToWire, scalarToWire, stillInvalidOnWire } from './wire.js';

type Location = OperationParameter['in'];

// Arbitraries are immutable: one per operation and options is built once, however often phases ask.
const cache = new WeakMap<Operation, Map<string, fc.Arbitrary<RequestParts>>>();

export function requestArbitrary(operation: Operation, options: RequestArbitraryOptions = {}): fc.Arbitrary<RequestParts> {
  let byOptions = cache.get(operation);
  if (!byOptions) cache.set(operation, (byOptions = new Map()));
  const key = JSON.stringify(requestOptions(operation, options));
  let arbitrary = byOptions.get(key);
  if (!arbitrary) byOptions.set(key, (arbitrary = buildRequestArbitrary(operation, options)));
  return arbitrary;
}

function buildRequestArbitrary(operation: Operation, options: RequestArbitraryOptions): fc.Arbitrary<RequestParts> {
  const schemaOptions = requestOptions(operation, options);
  const locationArb = (location: Location) => {
    const params = operation.parameters.filter((p) => p.in === location && !(location === 'header' && isIgnoredHeader(p.name)));
    const model: Record<string, fc.Arbitrary<string | string[]>> = {};
    for (const p of params) {
      const typed = valueArbitrary(p.schema, { ...schemaOptions, charset: charsetFor(location) });
      // query text is always sendable; elsewhere some values are not (an empty path segment, a space in
      // a header), and comma-joined arrays must split back into the same items
      const sendable = location === 'query' ? typed : boundedFilter(typed, (v) => fitsLocation(v, location), () => typed);
      model[p.name] = sendable.map((v) => parameterToWire(v, location));
    }
    const required = params.filter((p) => p.required || location === 'path').map((p) => p.name);
    return fc.record(model, { requiredKeys: required, noNullPrototype: true });
  };

  const mediaType = chooseMediaType(operation.body);
  const bodySchema = mediaType !== undefined ? operation.body?.content[mediaType]?.schema : undefined;
  const bodyArb: fc.Arbitrary<unknown> =
    bodySchema === undefined || mediaType === undefined
      ? fc.constant(undefined)
      : operation.body?.required
        ? bodyValues(bodySchema, mediaType, schemaOptions)
        : fc.option(bodyValues(bodySchema, mediaType, schemaOptions), { nil: undefined, freq: 3 });

  return fc
    .record({
      path: locationArb('path'),
      query: locationArb('query'),
      header: locationArb('header'),
      cookie: locationArb('cookie'),
      body: bodyArb,
    })
    .map(({ path, query, header, cookie, body }) => {
      const parts: RequestParts = { pathParams: joined(path), query: { ...query }, headers: joined(header), cookies: joined(cookie) };
      if (body !== undefined && mediaType !== undefined) {
        parts.body = body;
        parts.mediaType = mediaType;
      }
      return parts;
    });
}

/** Outside the query string every wire value is already a single string; this just narrows the type. */
function joined(values: Record<string, string | string[]>): Record<string, string> {
  return Object.fromEntries(Object.entries(values).map(([k, v]) => [k, Array.isArray(v) ? v.join(',') : v]));
}

/** Form encoding loses some values (an empty array is no field at all): keep those that read back valid. */
function bodyValues(schema: JsonSchema, mediaType: string, options: SchemaArbitraryOptions): fc.Arbitrary<unknown> {
  const values = valueArbitrary(schema, options);
  if (!isFormMediaType(mediaType)) return values;
  const converted = toJsonSchema2020(schema, options.dialect, { direction: options.direction });
  return boundedFilter(values, (v) => !stillInvalidOnWire(formRoundTrip(v), converted), () => values);
}

function fitsLocation(value: unknown, location: Location): boolean {
  if (!isSendable(parameterToWire(value, location), location)) return false;
  return !Array.isArray(value) || value.every((item) => !scalarToWire(item).includes(','));
}
