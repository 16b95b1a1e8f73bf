import type { Check, CheckContext, Exchange, JsonSchema } from '../types.js';
import { findDocumentedResponse } from './documented-response.js';
import { failure } from './failure.js';
import { forDocumentedMethod } from './guards.js';
import { describeSchemaError, validateAgainstSchema } from './schema-validator.js';

const CHECK = 'response_headers_conformance';

function declaredTypes(schema: JsonSchema): string[] {
  if (typeof schema !== 'object') return [];
  const type = schema.type;
  return typeof type === 'string' ? [type] : Array.isArray(type) ? type.filter((t) => typeof t === 'string') : [];
}

/** Header values are text; read them as the type the schema declares (simple style) before validating. */
function headerValue(text: string, schema: JsonSchema): unknown {
  const types = declaredTypes(schema);
  const trimmed = text.trim();
  if ((types.includes('integer') || types.includes('number')) && trimmed !== '' && !Number.isNaN(Number(trimmed))) {
    return Number(trimmed);
  }
  if (types.includes('boolean') && (trimmed === 'true' || trimmed === 'false')) return trimmed === 'true';
  if (types.includes('array')) return trimmed === '' ? [] : trimmed.split(',').map((item) => item.trim());
  return text;
}

/** Documented required headers must be present, and every documented header present must be valid.
 * A documented Content-Type header is ignored, as OpenAPI says. */
function responseHeadersConformance(_ctx: CheckContext, { case: sent, response }: Exchange): void {
  const operation = sent.operation;
  const documented = findDocumentedResponse(operation, response.status);
  for (const [name, header] of Object.entries(documented?.headers ?? {})) {
    const key = name.toLowerCase();
    if (key === 'content-type') continue;
    const text = response.headers[key];
    if (text === undefined) {
      if (!header.required) continue;
      throw failure({
        check: CHECK,
        title: 'Missing required response header',
        severity: 'medium',
        expected: `header ${name} on a ${documented?.status} response`,
        actual: `no ${name} header`,
        dedupKey: `${CHECK}|${operation.id}|${response.status}|${key}|missing`,
      });
    }
    const errors = validateAgainstSchema(header.schema, operation.dialect, headerValue(text, header.schema));
    const [first] = errors ?? [];
    if (first === undefined) continue;
    throw failure({
      check: CHECK,
      title: 'Response header violates its schema',
      severity: 'medium',
      expected: `${name} matching ${JSON.stringify(header.schema)}`,
      actual: `${name}: ${text} (${describeSchemaError(first)})`,
      dedupKey: `${CHECK}|${operation.id}|${response.status}|${key}|invalid`,
    });
  }
}

export const responseHeadersConformanceCheck: Check = forDocumentedMethod(responseHeadersConformance);
