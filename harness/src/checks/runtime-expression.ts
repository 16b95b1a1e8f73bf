// OpenAPI link runtime expressions ($request.path.id, $response.body#/data/id, ...) evaluated over one
// exchange. A value without `$` is a literal; `{$...}` inside a string is interpolated.
import type { Exchange } from '../types.js';
import { resolvePointer } from './json-pointer.js';

function caseInsensitive(record: Record<string, string>, name: string): string | undefined {
  const wanted = name.toLowerCase();
  const key = Object.keys(record).find((k) => k.toLowerCase() === wanted);
  return key === undefined ? undefined : record[key];
}

function firstQueryValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

const EXPRESSION = /^\$(request|response)\.(path|query|header|body)(?:\.([^#]+))?(?:#(.*))?$/;

function evaluateExpression(expression: string, exchange: Exchange): unknown {
  const { case: sent, request, response } = exchange;
  if (expression === '$url') return request.url;
  if (expression === '$method') return request.method;
  if (expression === '$statusCode') return response.status;
  const match = EXPRESSION.exec(expression);
  if (match === null) return undefined;
  const [, source, part, name = '', pointer = ''] = match;
  if (source === 'request') {
    if (part === 'path') return sent.pathParams[name];
    if (part === 'query') return firstQueryValue(sent.query[name]);
    if (part === 'header') return caseInsensitive(request.headers, name);
    return resolvePointer(sent.body, pointer);
  }
  if (part === 'header') return caseInsensitive(response.headers, name);
  if (part === 'body') return resolvePointer(response.json, pointer);
  return undefined;
}

export function evaluateRuntimeExpression(value: unknown, exchange: Exchange): unknown {
  if (typeof value !== 'string') return value;
  if (value.startsWith('$')) return evaluateExpression(value, exchange);
  if (!value.includes('{$')) return value;
  return value.replace(/\{(\$[^}]+)\}/g, (_match, expression: string) => {
    const resolved = evaluateExpression(expression, exchange);
    return resolved === undefined ? '' : String(resolved);
  });
}
