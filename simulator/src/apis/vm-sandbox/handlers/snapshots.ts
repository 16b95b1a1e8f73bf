// Snapshots: taken from a running VM, listed, read and deleted.
import { SandboxError } from '../errors.js';
import { requireRunning, takeSnapshot } from '../model/clone.js';
import type { SandboxOperation } from '../operation.js';
import { snapshotView } from './views.js';

export const snapshotOperations: SandboxOperation[] = [
  {
    operationId: 'create_snapshot_v1_vms__vm_id__snapshot_post',
    method: 'POST',
    path: '/vms/:vm_id/snapshot',
    handle({ model, user, params, body }) {
      const snapshotId = model.store.transaction(() => {
        const vm = requireRunning(model, user, params.vm_id);
        return takeSnapshot(model, vm, body.name ?? `${vm.vmId}-snap-${model.ctx.rng.hex(6)}`);
      });
      return { snapshot_id: snapshotId, status: 'ready' };
    },
  },
  {
    operationId: 'list_snapshots_v1_snapshots_get',
    method: 'GET',
    path: '/snapshots',
    handle: ({ model, user }) => model.snapshots.list(user.username).map(snapshotView),
  },
  {
    operationId: 'get_snapshot_v1_snapshots__snapshot_id__get',
    method: 'GET',
    path: '/snapshots/:snapshot_id',
    handle: ({ model, user, params }) => snapshotView(model.requireSnapshot(params.snapshot_id, user)),
  },
  {
    operationId: 'delete_snapshot_v1_snapshots__snapshot_id__delete',
    method: 'DELETE',
    path: '/snapshots/:snapshot_id',
    handle({ model, user, params }) {
      model.store.transaction(() => {
        const snapshot = model.requireSnapshot(params.snapshot_id, user);
        if (model.vms.bootingFrom(snapshot.snapshotId)) throw new SandboxError(409, `Snapshot ${snapshot.snapshotId} is in use by a VM that is still provisioning`);
        model.snapshots.remove(snapshot.snapshotId);
      });
      return { snapshot_id: params.snapshot_id, status: 'deleted' };
    },
  },
];
