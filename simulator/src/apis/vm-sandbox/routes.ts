// The sandbox route table: every operation of specs/vm-sandbox.yaml, by operationId, through one wrapper.
// A known path with another method answers 405 with `Allow`, as Starlette's router does.
import { Hono } from 'hono';
import type { CoreEnv } from '../../core/context.js';
import { sandboxErrorResponse } from './errors.js';
import { sessionOperations } from './handlers/sessions.js';
import { snapshotOperations } from './handlers/snapshots.js';
import { tokenOperations } from './handlers/token.js';
import { vmOperations } from './handlers/vms.js';
import { type OperationDeps, type SandboxOperation, sandboxHandler } from './operation.js';

export const SANDBOX_OPERATIONS: SandboxOperation[] = [...tokenOperations, ...vmOperations, ...snapshotOperations, ...sessionOperations];

export function sandboxRoutes(deps: OperationDeps): Hono<CoreEnv> {
  const app = new Hono<CoreEnv>();
  const methodsByPath = new Map<string, string[]>();
  for (const op of SANDBOX_OPERATIONS) {
    app.on(op.method, op.path, sandboxHandler(op, deps));
    methodsByPath.set(op.path, [...(methodsByPath.get(op.path) ?? []), op.method]);
  }
  for (const [path, methods] of methodsByPath) {
    const allow = methods.join(', ');
    app.all(path, () => sandboxErrorResponse(405, 'Method Not Allowed', { allow }));
  }
  return app;
}
