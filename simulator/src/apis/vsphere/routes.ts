// The vSphere route table: every operation of specs/vsphere.yaml, under /api and again under the
// deprecated /rest, through one wrapper. A known path with another method answers 405 with Allow.
import { Hono } from 'hono';
import type { CoreEnv } from '../../core/context.js';
import { errorResponse, VsphereError } from './errors.js';
import { inventoryOperations } from './handlers/inventory.js';
import { sessionOperations } from './handlers/session.js';
import { taskOperations } from './handlers/tasks.js';
import { vmOperations } from './handlers/vm.js';
import { flavourOf, type OperationDeps, type VsphereOperation, vsphereHandler } from './operation.js';

export const VSPHERE_OPERATIONS: VsphereOperation[] = [...sessionOperations, ...inventoryOperations, ...vmOperations, ...taskOperations];

export function vsphereRoutes(deps: OperationDeps): Hono<CoreEnv> {
  const app = new Hono<CoreEnv>();
  const handlers = new Map(VSPHERE_OPERATIONS.map((op) => [op.operationId, vsphereHandler(op, deps)]));
  const methods = new Map<string, Set<string>>();
  const add = (method: string, path: string) => methods.set(path, (methods.get(path) ?? new Set()).add(method));
  // /rest reads the session with POST ?~action=get on the path where POST also creates one
  const restSession = '/rest/com/vmware/cis/session';
  app.post(restSession, (c) => handlers.get(c.req.query('~action') === 'get' ? 'getSession' : 'createSession')!(c));
  add('POST', restSession);
  for (const op of VSPHERE_OPERATIONS) {
    const handler = handlers.get(op.operationId)!;
    app.on(op.method, `/api${op.path}`, handler);
    add(op.method, `/api${op.path}`);
    if (op.operationId === 'getSession') continue;
    const restPath = `/rest${op.restPath ?? op.path}`;
    if (!(restPath === restSession && op.method === 'POST')) app.on(op.method, restPath, handler);
    add(op.method, restPath);
  }
  for (const [path, allowed] of methods) {
    const allow = [...allowed].join(', ');
    app.all(path, (c) =>
      errorResponse(new VsphereError('OPERATION_NOT_FOUND', 'com.vmware.vapi.rest.httpMethodNotAllowed', `Method ${c.req.method} is not allowed on this path; allowed: ${allow}.`), flavourOf(c), 405, { allow }),
    );
  }
  app.all('*', (c) => errorResponse(new VsphereError('NOT_FOUND', 'com.vmware.vapi.rest.httpNotFound', `Not found: ${c.req.path}`), flavourOf(c)));
  return app;
}
