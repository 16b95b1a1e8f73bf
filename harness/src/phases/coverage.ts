// coverage: deterministic boundary values. Each parameter and each top-level body property takes each
// of its boundary values in turn (min/max lengths and values, enum members, null where nullable) inside
// an otherwise example-based request; out-of-range (+/- 1) and missing required values come from the
// invalid generator; and each path is also called once with a method it does not document.
import { boundaryValues } from '../arbitraries/index.js';
import { SAFE_METHODS } from '../filter.js';
import { exampleRequest, invalidParts, spread, toCase, type RequestParts } from '../generation.js';
import type { Case, JsonSchema, Operation } from '../types.js';
import { listPhase, type PhaseEnv } from './phase.js';

const BOUNDARY_VIOLATIONS = new Set(['missing', 'range', 'length']);
const PROBE_METHODS = ['PATCH', 'PUT', 'DELETE', 'POST', 'GET'];

function boundariesOf(schema: JsonSchema, operation: Operation): unknown[] {
  return boundaryValues(schema, { dialect: operation.dialect }) as unknown[];
}

function validBoundaryParts(operation: Operation, base: RequestParts): RequestParts[] {
  const variants: RequestParts[] = [];
  for (const parameter of operation.parameters) {
    // path parameters stay on the example resource: other values mostly test "not found"
    if (parameter.in === 'path' && parameter.examples.length > 0) continue;
    const slot = { path: 'pathParams', query: 'query', header: 'headers', cookie: 'cookies' } as const;
    const key = slot[parameter.in];
    for (const value of boundariesOf(parameter.schema, operation)) {
      variants.push({ ...base, [key]: { ...base[key], [parameter.name]: value } });
    }
  }
  const media = base.mediaType ? operation.body?.content[base.mediaType] : undefined;
  const properties = typeof media?.schema === 'object' ? (media.schema.properties as Record<string, JsonSchema> | undefined) : undefined;
  if (properties && typeof base.body === 'object' && base.body !== null && !Array.isArray(base.body)) {
    for (const [name, schema] of Object.entries(properties)) {
      for (const value of boundariesOf(schema, operation)) {
        variants.push({ ...base, body: { ...(base.body as Record<string, unknown>), [name]: value } });
      }
    }
  }
  return variants;
}

/** One request per path with a method the path does not document (unsupported_method expects 405). */
function methodProbe(operation: Operation, env: PhaseEnv, base: RequestParts): Case[] {
  if (env.readOnly) return [];
  const firstOfPath = env.selected.find((candidate) => candidate.path === operation.path);
  if (firstOfPath !== operation) return [];
  const documented = new Set(env.operations.filter((candidate) => candidate.path === operation.path).map((candidate) => candidate.method));
  const method = PROBE_METHODS.find((candidate) => !documented.has(candidate) && !SAFE_METHODS.has(candidate)) ??
    PROBE_METHODS.find((candidate) => !documented.has(candidate));
  if (method === undefined) return [];
  const { body: _body, mediaType: _mediaType, ...withoutBody } = base;
  return [
    toCase(operation, 'coverage', withoutBody, {
      expectation: 'invalid',
      violation: { location: 'method', name: method, kind: 'method', description: `${method} ${operation.path} is not documented` },
    }),
  ];
}

function coverageCases(operation: Operation, env: PhaseEnv): Case[] {
  const base = exampleRequest(operation, env.seed);
  const valid = validBoundaryParts(operation, base).map((parts) => toCase(operation, 'coverage', parts));
  const invalid = invalidParts(operation)
    .filter((parts) => BOUNDARY_VIOLATIONS.has(parts.violation.kind))
    .map((parts) => toCase(operation, 'coverage', parts, { expectation: 'invalid', violation: parts.violation }));
  return [...spread([...valid, ...invalid], env.maxExamples), ...methodProbe(operation, env, base)];
}

export const coveragePhase = listPhase('coverage', coverageCases);
