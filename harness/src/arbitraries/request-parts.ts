// The shape of a generated request before it is bound to a base URL, and the choices every request
// generator makes the same way: which body media type to use, which header parameters to leave alone.

import type { Operation, OperationBody, RequestParts } from '../types.js';
import { isFormMediaType, isJsonMediaType } from './serialize-body.js';
import type { SchemaArbitraryOptions } from './options.js';

export type { RequestParts } from '../types.js';

/** Options for request generators; the dialect defaults to the operation's. */
export type RequestArbitraryOptions = Partial<SchemaArbitraryOptions>;

/** OpenAPI says header parameters with these names are ignored (the harness sets them itself). */
const IGNORED_HEADERS = new Set(['accept', 'content-type', 'authorization']);

export function isIgnoredHeader(name: string): boolean {
  return IGNORED_HEADERS.has(name.toLowerCase());
}

/** JSON first, then form, then plain text; undefined when the body is in a media type we cannot write. */
export function chooseMediaType(body: OperationBody | undefined): string | undefined {
  if (!body) return undefined;
  const types = Object.keys(body.content);
  return (
    types.find((t) => t.split(';')[0]!.trim().toLowerCase() === 'application/json') ??
    types.find((t) => isJsonMediaType(t) && t !== '*/*') ??
    types.find(isFormMediaType) ??
    types.find((t) => t.toLowerCase().startsWith('text/plain')) ??
    types.find((t) => t === '*/*')
  );
}

export function emptyParts(): RequestParts {
  return { pathParams: {}, query: {}, headers: {}, cookies: {} };
}

export function partsKey(location: 'path' | 'query' | 'header' | 'cookie'): 'pathParams' | 'query' | 'headers' | 'cookies' {
  return location === 'path' ? 'pathParams' : location === 'query' ? 'query' : location === 'header' ? 'headers' : 'cookies';
}

export function requestOptions(operation: Operation, options: RequestArbitraryOptions): SchemaArbitraryOptions {
  return { ...options, dialect: options.dialect ?? operation.dialect, direction: options.direction ?? 'request' };
}
