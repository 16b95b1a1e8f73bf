// stateful: follow the OpenAPI links of successful responses, two steps deep. Each operation that
// declares links is tried with example-based requests (required body fields freshly generated, so a
// create does not collide with what exists) until one succeeds; the linked operations get the values the
// links name. When a POST's link reads what it created, the resource's DELETE follows, and that
// DELETE's own links (read it again): clone -> read the new VM -> delete it -> read again.
import fc from 'fast-check';
import { findDocumentedResponse } from '../checks/documented-response.js';
import { placeValues } from '../checks/follow-up.js';
import { evaluateRuntimeExpression } from '../checks/runtime-expression.js';
import { deleteOperationFor } from '../cleanup.js';
import { SAFE_METHODS } from '../filter.js';
import { exampleRequest, operationSeed, toCase, validArbitrary, type RequestParts } from '../generation.js';
import type { Case, Exchange, Operation, OperationLink } from '../types.js';
import { isSuccess, withNamePrefix, type Phase, type PhaseEnv } from './phase.js';

const DEPTH = 2;

function hasLinks(operation: Operation): boolean {
  return operation.responses.some((response) => Object.keys(response.links).length > 0);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
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
  if (values.body !== undefined) parts.body = { ...(isObject(base.body) ? base.body : {}), ...values.body };
  return toCase(target, 'stateful', parts);
}

/** The DELETE of what a linked read shows, on the same path parameters. */
function removalCase(read: Exchange, env: PhaseEnv): Case | undefined {
  if (env.readOnly) return undefined;
  const remover = deleteOperationFor(read.case.operation, env.operations);
  if (!remover || remover === read.case.operation) return undefined;
  const base = exampleRequest(remover, env.seed);
  const pathParams: Record<string, unknown> = { ...base.pathParams };
  for (const parameter of remover.parameters) {
    const value = read.case.pathParams[parameter.name];
    if (parameter.in === 'path' && value !== undefined) pathParams[parameter.name] = value;
  }
  return toCase(remover, 'stateful', { ...base, pathParams });
}

async function follow(exchange: Exchange, env: PhaseEnv, depth: number): Promise<void> {
  if (depth >= DEPTH || env.executor.stopped) return;
  const documented = findDocumentedResponse(exchange.case.operation, exchange.response.status);
  const created = exchange.case.operation.method === 'POST';
  for (const link of Object.values(documented?.links ?? {})) {
    const target = env.operations.find((operation) => operation.id === link.operationId);
    if (!target || (env.readOnly && !SAFE_METHODS.has(target.method))) continue;
    const outcome = await env.executor.execute(linkedCase(link, target, exchange, env));
    if (!isSuccess(outcome.exchange)) continue;
    await follow(outcome.exchange, env, depth + 1);
    const removal = created && target.method === 'GET' ? removalCase(outcome.exchange, env) : undefined;
    if (removal && !env.executor.stopped) {
      const removed = await env.executor.execute(removal);
      if (isSuccess(removed.exchange)) await follow(removed.exchange, env, depth + 1);
    }
  }
}

function requiredProperties(operation: Operation, mediaType: string | undefined): string[] {
  const schema = mediaType ? operation.body?.content[mediaType]?.schema : undefined;
  return isObject(schema) && Array.isArray(schema.required) ? schema.required.filter((name): name is string => typeof name === 'string') : [];
}

/** The example request first; then each body example (in turn) with its required fields generated anew. */
function candidates(operation: Operation, env: PhaseEnv): RequestParts[] {
  const bodyExamples = Object.entries(operation.body?.content ?? {}).flatMap(([mediaType, media]) => media.examples.map((value) => ({ mediaType, value })));
  const count = Math.max(0, env.maxExamples - 1);
  const generated = count > 0 ? fc.sample(validArbitrary(operation), { numRuns: count, seed: operationSeed(env.seed, operation, 'stateful') }) : [];
  const mixed = generated.map((fresh, index) => {
    const example = bodyExamples[index % Math.max(1, bodyExamples.length)];
    if (!example || !isObject(example.value) || !isObject(fresh.body)) return fresh;
    const base = exampleRequest(operation, env.seed, example);
    const renewed = Object.fromEntries(requiredProperties(operation, fresh.mediaType).filter((name) => name in (fresh.body as object)).map((name) => [name, (fresh.body as Record<string, unknown>)[name]]));
    return { ...base, body: { ...example.value, ...renewed } };
  });
  return [exampleRequest(operation, env.seed), ...mixed];
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
  plan: (operation, env) => (hasLinks(operation) ? env.maxExamples + 2 * operation.responses.reduce((sum, response) => sum + Object.keys(response.links).length, 0) : 0),
  run: runStateful,
};
