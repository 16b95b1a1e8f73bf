// auth: every secured operation once without credentials and once with forged ones; both must be
// refused (the ignored_auth check decides).
import { exampleRequest, toCase } from '../generation.js';
import type { Case, Operation } from '../types.js';
import { listPhase, type PhaseEnv } from './phase.js';

function authCases(operation: Operation, env: PhaseEnv): Case[] {
  if (!operation.secured) return [];
  const parts = exampleRequest(operation, env.seed);
  return [toCase(operation, 'auth', parts, { auth: 'none' }), toCase(operation, 'auth', parts, { auth: 'bad' })];
}

export const authPhase = listPhase('auth', authCases, (operation) => (operation.secured ? 2 : 0));
