// invalidRequests: deterministic requests that each break the operation's contract in one known way:
// a required parameter or header missing, a parameter of the wrong type or out of range (only where
// the breakage survives being sent as text), a required body missing, a body that breaks its schema
// (missing required fields, wrong types, out of range, extra properties where forbidden), and a body
// that is not JSON at all. Everything else in each request is valid.

import type { JsonSchema, Operation, OperationParameter, Violation } from '../types.js';
import { rootContext } from './context.js';
import { invalidValues } from './invalid-values.js';
import { resolveOptions, type SchemaArbitraryOptions } from './options.js';
import { representativeValue } from './representative.js';
import { chooseMediaType, emptyParts, isIgnoredHeader, partsKey, requestOptions, type RequestArbitraryOptions, type RequestParts } from './request-parts.js';
import { formRoundTrip, isFormMediaType, isJsonMediaType, MALFORMED_JSON } from './serialize-body.js';

export { MALFORMED_JSON };
import { isSchemaObject } from './schema-graph.js';
import { toJsonSchema2020 } from './to-json-schema-2020.js';
import { declaredTypes } from './value-arbitrary.js';
import { charsetFor, isSendable, parameterToWire, stillInvalidOnWire, wireToLoose } from './wire.js';

export interface InvalidRequest extends RequestParts {
  violation: Violation;
}

// Deterministic, so computed once per operation and options; callers get their own copies.
const cache = new WeakMap<Operation, Map<string, InvalidRequest[]>>();

export function invalidRequests(operation: Operation, options: RequestArbitraryOptions = {}): InvalidRequest[] {
  let byOptions = cache.get(operation);
  if (!byOptions) cache.set(operation, (byOptions = new Map()));
  const key = JSON.stringify(requestOptions(operation, options));
  let computed = byOptions.get(key);
  if (!computed) byOptions.set(key, (computed = computeInvalidRequests(operation, options)));
  return structuredClone(computed);
}

function computeInvalidRequests(operation: Operation, options: RequestArbitraryOptions): InvalidRequest[] {
  const schemaOptions = requestOptions(operation, options);
  const params = operation.parameters.filter((p) => !(p.in === 'header' && isIgnoredHeader(p.name)));
  const mediaType = chooseMediaType(operation.body);
  const bodySchema = mediaType !== undefined ? operation.body?.content[mediaType]?.schema : undefined;

  const base = emptyParts();
  for (const p of params) {
    if (p.required || p.in === 'path') setParam(base, p, representativeWire(p, schemaOptions));
  }
  // parameter violations travel with a valid body when the body is required
  const baseBody = bodySchema !== undefined ? representative(bodySchema, schemaOptions, 'any') : undefined;
  const baseWithBody: RequestParts =
    baseBody !== undefined && mediaType !== undefined && operation.body?.required ? { ...base, body: baseBody, mediaType } : base;

  const out: InvalidRequest[] = [];
  for (const p of params) {
    if (p.required && p.in !== 'path') {
      const parts = cloneParts(baseWithBody);
      delete parts[partsKey(p.in)][p.name];
      out.push({ ...parts, violation: { location: p.in, name: p.name, kind: 'missing', description: `${p.in} parameter ${p.name} is missing` } });
    }
    out.push(...parameterViolations(p, baseWithBody, schemaOptions));
  }

  if (bodySchema !== undefined && mediaType !== undefined) {
    if (operation.body?.required) {
      out.push({ ...cloneParts(base), violation: { location: 'body', name: '', kind: 'missing', description: 'the required request body is missing' } });
    }
    const converted = toJsonSchema2020(bodySchema, schemaOptions.dialect, { direction: 'request' });
    for (const { value, violation } of invalidValues(bodySchema, { ...schemaOptions, location: 'body' })) {
      if (isFormMediaType(mediaType) && !stillInvalidInForm(value, converted)) continue;
      out.push({ ...cloneParts(base), body: value, mediaType, violation });
    }
    if (isJsonMediaType(mediaType)) {
      out.push({
        ...cloneParts(base),
        body: MALFORMED_JSON,
        mediaType,
        violation: { location: 'body', name: '', kind: 'malformed', description: 'the request body is not valid JSON' },
      });
    }
  }
  return out;
}

function parameterViolations(p: OperationParameter, base: RequestParts, schemaOptions: SchemaArbitraryOptions): InvalidRequest[] {
  const converted = toJsonSchema2020(p.schema, schemaOptions.dialect, { direction: 'request' });
  const out: InvalidRequest[] = [];
  const types = isSchemaObject(converted) ? declaredTypes(converted) : [];
  const takesText = types.length === 0 || types.includes('string');
  for (const { value, violation } of invalidValues(p.schema, { ...schemaOptions, location: p.in, name: p.name, nesting: 1 })) {
    // every wire value is text: for a string parameter a "wrong type" is just another string
    if ((violation.kind === 'type' || violation.kind === 'null') && takesText) continue;
    const wire = parameterToWire(value, p.in);
    if (!isSendable(wire, p.in)) continue;
    if (!stillInvalidOnWire(wireToLoose(wire, converted, p.in), converted)) continue;
    const parts = cloneParts(base);
    setParam(parts, p, wire);
    // null has no text form: on the wire it is an empty value
    const sent = violation.kind === 'null' ? { ...violation, kind: 'type' as const, description: `${p.in} ${p.name}: empty value` } : violation;
    out.push({ ...parts, violation: sent });
  }
  return out;
}

function stillInvalidInForm(value: unknown, converted: JsonSchema): boolean {
  return stillInvalidOnWire(formRoundTrip(value), converted);
}

function representative(schema: JsonSchema, options: SchemaArbitraryOptions, charset: ReturnType<typeof charsetFor> | 'any'): unknown {
  const resolved = resolveOptions(options);
  const converted = toJsonSchema2020(schema, resolved.dialect, { direction: resolved.direction });
  return representativeValue(converted, rootContext(converted, resolved, charset));
}

function representativeWire(p: OperationParameter, options: SchemaArbitraryOptions): string | string[] {
  return parameterToWire(representative(p.schema, options, charsetFor(p.in)), p.in);
}

function setParam(parts: RequestParts, p: OperationParameter, wire: string | string[]): void {
  if (p.in === 'query') parts.query[p.name] = wire;
  else parts[partsKey(p.in)][p.name] = Array.isArray(wire) ? wire.join(',') : wire;
}

function cloneParts(parts: RequestParts): RequestParts {
  const copy: RequestParts = {
    pathParams: { ...parts.pathParams },
    query: { ...parts.query },
    headers: { ...parts.headers },
    cookies: { ...parts.cookies },
  };
  if (parts.body !== undefined) {
    copy.body = structuredClone(parts.body);
    copy.mediaType = parts.mediaType;
  }
  return copy;
}
