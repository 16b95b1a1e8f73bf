// fuzz: valid requests generated from the schemas with fast-check; a failing request shrinks to a
// minimal one that fails the same check, and only that one is reported.
import fc from 'fast-check';
import type { Exchange } from '../types.js';
import { CheckFailure } from '../types.js';
import { TRANSPORT_CHECK } from '../executor.js';
import { operationSeed, toCase, validArbitrary, type RequestParts } from '../generation.js';
import type { Operation } from '../types.js';
import { withNamePrefix, type Phase, type PhaseEnv } from './phase.js';

/** Shrinking sends requests too; past this many attempts the smallest failure so far is reported. */
const MAX_SHRINK_ATTEMPTS = 40;

async function fuzzOperation(operation: Operation, env: PhaseEnv): Promise<void> {
  let failingChecks: Set<string> | undefined;
  let smallest: { exchange?: Exchange; failures: CheckFailure[] } | undefined;
  let shrinkAttempts = 0;
  const property = fc.asyncProperty(validArbitrary(operation), async (parts: RequestParts) => {
    if (env.executor.stopped) return true;
    if (failingChecks !== undefined) {
      shrinkAttempts += 1;
      if (shrinkAttempts > MAX_SHRINK_ATTEMPTS) return true;
    }
    const testCase = withNamePrefix(toCase(operation, 'fuzz', parts), env);
    const outcome = await env.executor.execute(testCase, 'passes');
    // transport errors are recorded by the executor already and do not shrink
    const relevant = outcome.failures.filter(
      (failure) => failure.check !== TRANSPORT_CHECK && (failingChecks === undefined || failingChecks.has(failure.check)),
    );
    if (relevant.length === 0) return true;
    failingChecks ??= new Set(relevant.map((failure) => failure.check));
    smallest = { ...(outcome.exchange ? { exchange: outcome.exchange } : {}), failures: relevant };
    return false;
  });
  const result = await fc.check(property, { numRuns: env.maxExamples, seed: operationSeed(env.seed, operation, 'fuzz') });
  if (!result.failed) return;
  if (smallest?.exchange) env.executor.recordFailures(smallest.exchange, smallest.failures);
  else if (result.errorInstance !== undefined && !(result.errorInstance instanceof CheckFailure)) throw result.errorInstance;
}

export const fuzzPhase: Phase = {
  name: 'fuzz',
  plan: (_operation, env) => env.maxExamples,
  run: fuzzOperation,
};
