// negative: requests that break the schema in one known way each; the endpoint must reject them (4xx).
import { invalidParts, spread, toCase } from '../generation.js';
import type { Case, Operation } from '../types.js';
import { hasInput, listPhase, type PhaseEnv } from './phase.js';

function negativeCases(operation: Operation, env: PhaseEnv): Case[] {
  return spread(invalidParts(operation), env.maxExamples).map((parts) =>
    toCase(operation, 'negative', parts, { expectation: 'invalid', violation: parts.violation }),
  );
}

/** At most --max-examples; an operation without input has nothing to break. */
const estimate = (operation: Operation, env: PhaseEnv) => (hasInput(operation) ? env.maxExamples : 0);

export const negativePhase = listPhase('negative', negativeCases, estimate);
