// stateful: follow the OpenAPI links of successful responses (clone -> read the new VM; delete -> read
// it again), two steps deep. Each operation that declares links is tried with its example request and
// then generated ones until one succeeds; the linked operations get the values the links name.
import fc from 'fast-check';
import { findDocumentedResponse } from '../checks/documented-response.js';
import { placeValues } from '../checks/follow-up.js';
import { evaluateRuntimeExpression } from '../checks/runtime-expression.js';
import { exampleRequest, operationSeed, toCase, validArbitrary, type RequestParts } from '../generation.js';
import type { Case, Exchange, Operation, OperationLink } from '../types.js';
import { isSuccess, withNamePrefix, type Phase, type PhaseEnv } from './phase.js';

const DEPTH = 2;

function hasLinks(operation: Operation): boolean {
  return operation.responses.some((response) => Object.keys(response.links).length > 0);
}

function findLinked(link: OperationLink, env: PhaseEnv): Operation | undefined {
  return env.operations.find((operation) => operation.id === link.operationId);
}

/** The linked operation's example request with the link's values put in place. */
export function linkedCase(link: OperationLink, target: Operation, exchange: Exchange, env: PhaseEnv): Case {
  const named = Object.fromEntries(Object.entries(link.parameters).map(([name, value]) => [name, evaluateRuntimeExpression(value, exchange)]));
  const values = placeValues(target, named);
  const base = exampleRequest(target, env.seed);
  const pathParams: Record<string, unknown> = { ...base.pathParams };
  // a path parameter the link leaves out stays where the first request was (/nodes/{node}/...)
  for (const parameter of target.parameters) {
    const original = exchange.case.pathParams[parameter.name];
    if (parameter.in === 'path' && values.path[parameter.name] === undefined && original !== undefined) pathParams[parameter.name] = original;
  }
  const parts: RequestParts = {
    ...base,
    pathParams: { ...pathParams, ...values.path },
    query: { ...base.query, ...values.query },
    headers: { ...base.headers, ...values.headers },
  };
  if (values.body !== undefined) parts.body = { ...(typeof base.body === 'object' && base.body !== null ? base.body : {}), ...values.body };
  return toCase(target, 'stateful', parts);
}

async function follow(exchange: Exchange, env: PhaseEnv, depth: number): Promise<void> {
  if (depth >= DEPTH || env.executor.stopped) return;
  const documented = findDocumentedResponse(exchange.case.operation, exchange.response.status);
  for (const link of Object.values(documented?.links ?? {})) {
    const target = findLinked(link, env);
    if (!target || (env.readOnly && !['GET', 'HEAD', 'OPTIONS'].includes(target.method))) continue;
    const outcome = await env.executor.execute(linkedCase(link, target, exchange, env));
    if (isSuccess(outcome.exchange)) await follow(outcome.exchange, env, depth + 1);
  }
}

function candidates(operation: Operation, env: PhaseEnv): RequestParts[] {
  const generated = env.maxExamples > 1 ? fc.sample(validArbitrary(operation), { numRuns: env.maxExamples - 1, seed: operationSeed(env.seed, operation, 'stateful') }) : [];
  return [exampleRequest(operation, env.seed), ...generated];
}

async function runStateful(operation: Operation, env: PhaseEnv): Promise<void> {
  if (!hasLinks(operation)) return;
  for (const parts of candidates(operation, env)) {
    if (env.executor.stopped) return;
    const outcome = await env.executor.execute(withNamePrefix(toCase(operation, 'stateful', parts), env));
    if (isSuccess(outcome.exchange)) {
      await follow(outcome.exchange, env, 0);
      return;
    }
  }
}

export const statefulPhase: Phase = {
  name: 'stateful',
  plan: (operation) => (hasLinks(operation) ? 1 + operation.responses.reduce((sum, response) => sum + Object.keys(response.links).length, 0) : 0),
  run: runStateful,
};
