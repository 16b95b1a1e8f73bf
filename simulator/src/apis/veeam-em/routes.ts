// The Veeam EM route table: every operation of specs/veeam-em.yaml, by operationId. Job actions share
// POST /jobs/{id} and are told apart by ?action=; a known path with another method answers 405.
import { type Context, Hono } from 'hono';
import type { CoreEnv } from '../../core/context.js';
import { VeeamError, veeamErrorResponse } from './errors.js';
import { infrastructureOperations } from './handlers/infrastructure.js';
import { jobOperations } from './handlers/jobs.js';
import { sessionOperations } from './handlers/sessions.js';
import { taskOperations } from './handlers/tasks.js';
import { type OperationDeps, runOperation, type VeeamOperation } from './operation.js';
import { acceptedRepresentation } from './representation/negotiate.js';

export const VEEAM_OPERATIONS: VeeamOperation[] = [...sessionOperations, ...infrastructureOperations, ...jobOperations, ...taskOperations];

export function veeamRoutes(deps: OperationDeps): Hono<CoreEnv> {
  const app = new Hono<CoreEnv>();
  const byPath = new Map<string, VeeamOperation[]>();
  for (const op of VEEAM_OPERATIONS) byPath.set(op.path, [...(byPath.get(op.path) ?? []), op]);
  for (const [path, operations] of byPath) {
    const handler = async function veeamOperation(c: Context<CoreEnv>) {
      const op = select(c, operations);
      if (op instanceof VeeamError) return veeamErrorResponse(op.status, op.message, acceptedRepresentation(c.req.header('accept')), op.headers);
      return runOperation(c, op, deps);
    };
    app.all(path, handler);
    // Enterprise Manager answers with or without the trailing slash (/api and /api/, /sessionMngr and /sessionMngr/)
    const twin = path.endsWith('/') ? path.slice(0, -1) : `${path}/`;
    if (!byPath.has(twin) && twin !== '') app.all(twin, handler);
  }
  // Hono joins the mount point and '/' into /api, so /api/ (the entry point's documented address) arrives here
  const entryPoint = byPath.get('/')!;
  app.all('*', (c) => {
    if (/^\/api\/$/.test(c.req.path)) {
      const op = select(c, entryPoint);
      return op instanceof VeeamError ? veeamErrorResponse(op.status, op.message, acceptedRepresentation(c.req.header('accept')), op.headers) : runOperation(c, op, deps);
    }
    return notFound(c);
  });
  return app;
}

function notFound(c: Context): Response {
  return veeamErrorResponse(404, `The requested resource '${c.req.path}' was not found.`, acceptedRepresentation(c.req.header('accept')));
}

/** The operation for this method and ?action=, or the 405/400 Veeam answers when there is none. An action
 * on a path without actions is an unknown query parameter, and ignored like any other. */
function select(c: Context, operations: VeeamOperation[]): VeeamOperation | VeeamError {
  const action = c.req.query('action');
  const method = c.req.method === 'HEAD' ? 'GET' : c.req.method;
  const methodsOf = (ops: VeeamOperation[]) => [...new Set(ops.map((op) => op.method))];
  const actions = operations.filter((op) => op.action !== undefined);
  if (action !== undefined && actions.length > 0) {
    const found = actions.find((op) => op.method === method && op.action === action);
    if (found) return found;
    if (methodsOf(actions).includes(method as VeeamOperation['method']))
      return new VeeamError(400, `Unknown action '${action}': supported actions are ${actions.map((op) => op.action).join(', ')}.`);
    return notAllowed(c, methodsOf(actions));
  }
  const plain = operations.filter((op) => op.action === undefined);
  return plain.find((op) => op.method === method) ?? notAllowed(c, methodsOf(plain));
}

function notAllowed(c: Context, allowed: string[]): VeeamError {
  return new VeeamError(405, `The method ${c.req.method} is not allowed for this resource.`, { Allow: allowed.join(', ') });
}
