// Problems that stop a run before it tests anything: bad usage, an unusable spec, an unreachable
// target, a failed login. The CLI turns each into a one-line message and exit code 2.
import { AuthError } from './auth.js';
import { UnknownCheckError } from './checks/index.js';
import { SpecError } from './spec.js';
import { TargetError } from './target.js';

export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

export function isSetupProblem(error: unknown): error is Error {
  return (
    error instanceof UsageError ||
    error instanceof SpecError ||
    error instanceof TargetError ||
    error instanceof AuthError ||
    error instanceof UnknownCheckError
  );
}
