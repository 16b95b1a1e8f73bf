// The PVE route table: every operation of specs/pve.yaml, by operationId, through one wrapper.
import { Hono } from 'hono';
import type { CoreEnv } from '../../core/context.js';
import { pveErrorResponse } from './errors.js';
import { accessOperations } from './handlers/access.js';
import { clusterOperations } from './handlers/cluster.js';
import { datacenterOperations } from './handlers/datacenter.js';
import { directoryOperations } from './handlers/directory.js';
import { guestOperations } from './handlers/guest.js';
import { nodeOperations } from './handlers/nodes.js';
import { poolOperations } from './handlers/pools.js';
import { qemuOperations } from './handlers/qemu.js';
import { snapshotOperations } from './handlers/snapshots.js';
import { storageOperations } from './handlers/storage.js';
import { taskOperations } from './handlers/tasks.js';
import { type OperationDeps, type PveOperation, pveHandler } from './operation.js';

export const PVE_OPERATIONS: PveOperation[] = [
  ...accessOperations,
  ...clusterOperations,
  ...datacenterOperations,
  ...directoryOperations,
  ...poolOperations,
  ...nodeOperations,
  ...qemuOperations,
  ...snapshotOperations,
  ...guestOperations,
  ...storageOperations,
  ...taskOperations,
];

export function pveRoutes(deps: OperationDeps): Hono<CoreEnv> {
  const app = new Hono<CoreEnv>();
  for (const op of PVE_OPERATIONS) app.on(op.method, op.path, pveHandler(op, deps));
  // a mounted '/' route does not match the base path with a trailing slash; PVE answers both
  const rootOp = PVE_OPERATIONS.find((op) => op.method === 'GET' && op.path === '/');
  const root = rootOp ? pveHandler(rootOp, deps) : undefined;
  // PVE answers any method or path it does not know with 501.
  app.all('*', (c) => {
    if (root && c.req.method === 'GET' && c.req.path.endsWith('/api2/json/')) return root(c);
    return pveErrorResponse(501, `Method '${c.req.method} ${c.req.path}' not implemented`);
  });
  return app;
}
