// The route table: every operation of specs/pve-manager.yaml, by operationId, through one wrapper.
import { Hono } from 'hono';
import type { CoreEnv } from '../../core/context.js';
import { envelope } from './errors.js';
import { authOperations } from './handlers/auth.js';
import { discoveryOperations } from './handlers/discovery.js';
import { taskOperations } from './handlers/tasks.js';
import { templateOperations } from './handlers/templates.js';
import { vmOperations } from './handlers/vms.js';
import { managerHandler, type ManagerOperation, type OperationDeps } from './operation.js';

export const MANAGER_OPERATIONS: ManagerOperation[] = [...authOperations, ...discoveryOperations, ...templateOperations, ...vmOperations, ...taskOperations];

export function managerRoutes(deps: OperationDeps): Hono<CoreEnv> {
  const app = new Hono<CoreEnv>();
  const methods = new Map<string, string[]>();
  for (const op of MANAGER_OPERATIONS) {
    app.on(op.method, op.path, managerHandler(op, deps));
    methods.set(op.path, [...(methods.get(op.path) ?? []), op.method]);
  }
  app.all('*', (c) => {
    const relative = c.req.path.replace(/^\/api\/v1/, '') || '/';
    const allowed = methods.get(relative);
    if (allowed) return envelope(405, `Method ${c.req.method} not allowed`, null, { allow: allowed.join(', ') });
    return envelope(404, `Route ${c.req.method} ${c.req.path} not found`, null);
  });
  return app;
}
