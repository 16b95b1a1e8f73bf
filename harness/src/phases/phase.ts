// What every phase module provides, and what the runner hands it.
import type { Executor } from '../executor.js';
import type { Case, Exchange, Operation, PhaseName } from '../types.js';

export interface PhaseEnv {
  executor: Executor;
  /** every operation of the document (link targets may be outside the selection) */
  operations: Operation[];
  /** the operations this run covers */
  selected: Operation[];
  seed: number;
  maxExamples: number;
  readOnly: boolean;
  /** the next name for something the run creates through this operation: `<--name-prefix><op>-<n>`,
   * counted per operation so names do not depend on how concurrent operations interleave */
  nextName(operation: Operation): string;
}

export interface Phase {
  name: PhaseName;
  /** how many requests `run` will send for this operation (an estimate for phases that adapt) */
  plan(operation: Operation, env: PhaseEnv): number;
  run(operation: Operation, env: PhaseEnv): Promise<void>;
}

/**
 * A phase that is a fixed list of cases per operation. `estimate` gives the plan without generating
 * anything (generation can take a good part of a second for an operation with a hundred parameters,
 * and --dry-run must plan a thousand operations in a few seconds); it may be an upper bound.
 */
export function listPhase(
  name: PhaseName,
  cases: (operation: Operation, env: PhaseEnv) => Case[],
  estimate: (operation: Operation, env: PhaseEnv) => number,
): Phase {
  return {
    name,
    plan: estimate,
    async run(operation, env) {
      for (const testCase of cases(operation, env)) {
        if (env.executor.stopped) return;
        await env.executor.execute(withNamePrefix(testCase, env));
      }
    },
  };
}

/** Whether the operation takes any input a generator could vary or break. */
export function hasInput(operation: Operation): boolean {
  return operation.parameters.length > 0 || operation.body !== undefined;
}

export function isSuccess(exchange: Exchange | undefined): exchange is Exchange {
  return exchange !== undefined && exchange.response.status >= 200 && exchange.response.status < 300;
}

/**
 * Things a valid POST creates get a recognisable name: a top-level string `name` in the body becomes
 * `<prefix><op>-<n>-<generated name>` (see PhaseEnv.nextName), so the generated variety (dots, digits,
 * long names) still reaches the server, or `<prefix><op>-<n>` when the schema's pattern and length
 * limits allow only that.
 */
export function withNamePrefix(testCase: Case, env: PhaseEnv): Case {
  const body = testCase.body;
  if (testCase.expectation !== 'valid' || testCase.operation.method !== 'POST') return testCase;
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return testCase;
  const generated = (body as Record<string, unknown>).name;
  if (typeof generated !== 'string') return testCase;
  const prefixed = env.nextName(testCase.operation);
  const name = [generated ? `${prefixed}-${generated}` : undefined, prefixed].find((candidate) => candidate !== undefined && nameAllowed(testCase, candidate));
  if (name === undefined) return testCase;
  return { ...testCase, body: { ...(body as Record<string, unknown>), name } };
}

function nameAllowed(testCase: Case, name: string): boolean {
  const media = testCase.operation.body?.content[testCase.mediaType ?? ''] ?? Object.values(testCase.operation.body?.content ?? {})[0];
  const schema = media?.schema;
  if (typeof schema !== 'object') return true;
  const property = (schema.properties as Record<string, Record<string, unknown>> | undefined)?.name;
  if (!property) return true;
  if (typeof property.maxLength === 'number' && name.length > property.maxLength) return false;
  if (typeof property.pattern === 'string') {
    try {
      if (!new RegExp(property.pattern, 'u').test(name)) return false;
    } catch {
      return false;
    }
  }
  return true;
}
