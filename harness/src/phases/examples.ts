// examples: every example the spec gives, for parameters and bodies. A parameter with several examples
// contributes one request per example; a body example becomes one request each.
import { exampleRequest, toCase, withParameterExamples } from '../generation.js';
import type { Case, Operation } from '../types.js';
import { listPhase, type PhaseEnv } from './phase.js';

function bodyExamplesOf(operation: Operation): Array<{ mediaType: string; value: unknown }> {
  return Object.entries(operation.body?.content ?? {}).flatMap(([mediaType, media]) => media.examples.map((value) => ({ mediaType, value })));
}

function exampleCount(operation: Operation, env: PhaseEnv): number {
  const bodyExamples = bodyExamplesOf(operation).length;
  const parameterExamples = Math.max(0, ...operation.parameters.map((parameter) => parameter.examples.length));
  if (bodyExamples === 0 && parameterExamples === 0) return 0;
  if (operation.body?.required && bodyExamples === 0) return 0;
  return Math.min(env.maxExamples, Math.max(bodyExamples, parameterExamples));
}

function exampleCases(operation: Operation, env: PhaseEnv): Case[] {
  const bodyExamples = bodyExamplesOf(operation);
  const count = exampleCount(operation, env);
  const cases: Case[] = [];
  for (let index = 0; index < count; index += 1) {
    const bodyExample = bodyExamples.length > 0 ? bodyExamples[index % bodyExamples.length] : undefined;
    const parts = withParameterExamples(exampleRequest(operation, env.seed, bodyExample), operation, index);
    cases.push(toCase(operation, 'examples', parts));
  }
  return cases;
}

export const examplesPhase = listPhase('examples', exampleCases, exampleCount);
