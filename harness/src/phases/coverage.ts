// coverage: deterministic boundary values. Each parameter and the body take each of their boundary
// values in turn (min/max lengths and values and one step past them, enum members, null where nullable,
// required properties missing) inside an otherwise example-based request; a required parameter is also
// left out once; and each path is called once with a method it does not document.
import { boundaryValues } from '../arbitraries/index.js';
import { toJsonSchema2020 } from '../arbitraries/index.js';
import { isSendable, parameterToWire, stillInvalidOnWire, wireToLoose } from '../arbitraries/wire.js';
import { SAFE_METHODS } from '../filter.js';
import { exampleRequest, routable, spread, toCase, type RequestParts } from '../generation.js';
import type { Case, Operation, OperationParameter, Violation } from '../types.js';
import { hasInput, listPhase, type PhaseEnv } from './phase.js';

// never DELETE: a server that wrongly implements it would lose data, which a probe must not risk
const PROBE_METHODS = ['PATCH', 'PUT', 'POST', 'GET'];
const SLOT = { path: 'pathParams', query: 'query', header: 'headers', cookie: 'cookies' } as const;

/** The violation kind a boundary label describes, e.g. "/newid: minimum - 1 (99)" -> range. */
function kindOf(label: string): Violation['kind'] {
  if (/missing|required/i.test(label)) return 'missing';
  if (/length|items|properties/i.test(label)) return 'length';
  if (/minimum|maximum|multiple/i.test(label)) return 'range';
  if (/enum|const/i.test(label)) return 'enum';
  if (/null/i.test(label)) return 'null';
  if (/pattern/i.test(label)) return 'pattern';
  if (/format/i.test(label)) return 'format';
  if (/additional|extra/i.test(label)) return 'extra';
  return 'type';
}

interface Variant {
  parts: RequestParts;
  violation?: Violation;
}

function parameterVariants(operation: Operation, parameter: OperationParameter, base: RequestParts): Variant[] {
  const key = SLOT[parameter.in];
  const variants: Variant[] = [];
  const converted = toJsonSchema2020(parameter.schema, operation.dialect, { direction: 'request' });
  for (const boundary of boundaryValues(parameter.schema, { dialect: operation.dialect, direction: 'request' })) {
    // valid path values other than the example mostly test "not found"
    if (boundary.valid && parameter.in === 'path' && parameter.examples.length > 0) continue;
    const wire = parameterToWire(boundary.value, parameter.in);
    if (!isSendable(wire, parameter.in)) continue;
    // parameters travel as text: null becomes "", which is a perfectly valid string
    if (!boundary.valid && !stillInvalidOnWire(wireToLoose(wire, converted, parameter.in), converted)) continue;
    const parts = { ...base, [key]: { ...base[key], [parameter.name]: wire } };
    if (!routable(parts)) continue;
    variants.push(
      boundary.valid
        ? { parts }
        : { parts, violation: { location: parameter.in, name: parameter.name, kind: boundary.kind ?? kindOf(boundary.label), description: `${parameter.in}.${parameter.name}: ${boundary.label}` } },
    );
  }
  if (parameter.required && parameter.in !== 'path') {
    const { [parameter.name]: _dropped, ...rest } = base[key];
    variants.push({
      parts: { ...base, [key]: rest },
      violation: { location: parameter.in, name: parameter.name, kind: 'missing', description: `${parameter.in}.${parameter.name}: required, left out` },
    });
  }
  return variants;
}

function bodyVariants(operation: Operation, base: RequestParts): Variant[] {
  const media = base.mediaType ? operation.body?.content[base.mediaType] : undefined;
  if (!media || base.mediaType === undefined) return [];
  return boundaryValues(media.schema, { dialect: operation.dialect, direction: 'request' }).map((boundary) => {
    const parts = { ...base, body: boundary.value };
    return boundary.valid ? { parts } : { parts, violation: { location: 'body' as const, name: '', kind: boundary.kind ?? kindOf(boundary.label), description: `body ${boundary.label}` } };
  });
}

/** One request per path with a method the path does not document (unsupported_method expects 405). */
interface PathIndex {
  firstSelected: Map<string, Operation>;
  methods: Map<string, Set<string>>;
}

/** Built once per run (keyed by the selection), so planning a thousand operations stays linear. */
const pathIndexes = new WeakMap<Operation[], PathIndex>();

function pathIndex(env: PhaseEnv): PathIndex {
  let index = pathIndexes.get(env.selected);
  if (!index) {
    index = { firstSelected: new Map(), methods: new Map() };
    for (const operation of env.selected) if (!index.firstSelected.has(operation.path)) index.firstSelected.set(operation.path, operation);
    for (const operation of env.operations) {
      const methods = index.methods.get(operation.path) ?? new Set<string>();
      methods.add(operation.method);
      index.methods.set(operation.path, methods);
    }
    pathIndexes.set(env.selected, index);
  }
  return index;
}

function probeMethod(operation: Operation, env: PhaseEnv): string | undefined {
  if (env.readOnly) return undefined;
  const index = pathIndex(env);
  if (index.firstSelected.get(operation.path) !== operation) return undefined;
  const documented = index.methods.get(operation.path) ?? new Set<string>();
  return (
    PROBE_METHODS.find((candidate) => !documented.has(candidate) && !SAFE_METHODS.has(candidate)) ??
    PROBE_METHODS.find((candidate) => !documented.has(candidate))
  );
}

function methodProbe(operation: Operation, env: PhaseEnv, base: RequestParts): Case[] {
  const method = probeMethod(operation, env);
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
  const variants = [...operation.parameters.flatMap((parameter) => parameterVariants(operation, parameter, base)), ...bodyVariants(operation, base)];
  const cases = spread(variants, env.maxExamples).map(({ parts, violation }) =>
    toCase(operation, 'coverage', parts, violation ? { expectation: 'invalid', violation } : {}),
  );
  return [...cases, ...methodProbe(operation, env, base)];
}

/** At most --max-examples boundary requests, plus the method probe. */
const estimate = (operation: Operation, env: PhaseEnv) => (hasInput(operation) ? env.maxExamples : 0) + (probeMethod(operation, env) ? 1 : 0);

export const coveragePhase = listPhase('coverage', coverageCases, estimate);
