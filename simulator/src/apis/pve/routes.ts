// The PVE route table: every operation of specs/pve.yaml, by operationId, through one wrapper.
import { Hono } from 'hono';
import type { CoreEnv } from '../../core/context.js';
import { pveErrorResponse } from './errors.js';
import { accessOperations } from './handlers/access.js';
import { clusterOperations } from './handlers/cluster.js';
import { nodeOperations } from './handlers/nodes.js';
import { qemuOperations } from './handlers/qemu.js';
import { storageOperations } from './handlers/storage.js';
import { taskOperations } from './handlers/tasks.js';
import { type OperationDeps, type PveOperation, pveHandler } from './operation.js';

export const PVE_OPERATIONS: PveOperation[] = [
  ...accessOperations,
  ...clusterOperations,
  ...nodeOperations,
  ...qemuOperations,
  ...storageOperations,
  ...taskOperations,
];

export function pveRoutes(deps: OperationDeps): Hono<CoreEnv> {
  const app = new Hono<CoreEnv>();
  for (const op of PVE_OPERATIONS) app.on(op.method, op.path, pveHandler(op, deps));
  // PVE answers any method or path it does not know with 501.
  app.all('*', (c) => pveErrorResponse(501, `Method '${c.req.method} ${c.req.path}' not implemented`));
  return app;
}
