// Snapshots of a VM: list (with PVE's `current` entry), take, read and describe, roll back, delete.
import { configDigest } from '../model/vms.js';
import { deleteSnapshot, rollbackSnapshot, takeSnapshot } from '../model/snapshot-tasks.js';
import { requirePrivilege } from '../auth.js';
import { PveError } from '../errors.js';
import type { PveOperation } from '../operation.js';

const vmPath = (p: Record<string, any>) => `/vms/${p.vmid}`;
const SNAPSHOT_PATH = '/nodes/:node/qemu/:vmid/snapshot/:snapname';

export const snapshotOperations: PveOperation[] = [
  {
    operationId: 'listSnapshots',
    method: 'GET',
    path: '/nodes/:node/qemu/:vmid/snapshot',
    privilege: (p) => [vmPath(p), 'VM.Audit'],
    handle({ params, model }) {
      const vm = model.requireVm(params.node, params.vmid);
      const list: Record<string, unknown>[] = model.snapshots.of(vm.vmid).map((s) => ({
        name: s.name,
        snaptime: s.snaptime,
        vmstate: s.vmstate ? 1 : 0,
        description: s.description,
        ...(s.parent ? { parent: s.parent } : {}),
        ...(s.snapstate ? { snapstate: s.snapstate } : {}),
      }));
      const current = { name: 'current', digest: configDigest(vm.config), running: vm.status === 'running' ? 1 : 0, description: 'You are here!' };
      list.push(vm.config.parent === undefined ? current : { ...current, parent: String(vm.config.parent) });
      return list;
    },
  },
  {
    operationId: 'createSnapshot',
    method: 'POST',
    path: '/nodes/:node/qemu/:vmid/snapshot',
    privilege: (p) => [vmPath(p), 'VM.Snapshot'],
    handle: ({ params, model, caller, taskPlan }) =>
      takeSnapshot(model, params.node, params.vmid, { snapname: params.snapname, vmstate: params.vmstate, description: params.description }, caller.userid, taskPlan),
  },
  {
    operationId: 'getSnapshotCommands',
    method: 'GET',
    path: SNAPSHOT_PATH,
    handle: () => [{ cmd: 'rollback' }, { cmd: 'config' }],
  },
  {
    operationId: 'getSnapshotConfig',
    method: 'GET',
    path: `${SNAPSHOT_PATH}/config`,
    privilege: (p) => [vmPath(p), ['VM.Snapshot', 'VM.Snapshot.Rollback', 'VM.Audit']],
    handle({ params, model }) {
      model.requireVm(params.node, params.vmid);
      const snap = model.snapshots.require(params.vmid, params.snapname);
      return {
        ...snap.config,
        ...(snap.parent ? { parent: snap.parent } : {}),
        snaptime: snap.snaptime,
        ...(snap.description ? { description: snap.description } : {}),
        ...(snap.snapstate ? { snapstate: snap.snapstate } : {}),
      };
    },
  },
  {
    operationId: 'updateSnapshotConfig',
    method: 'PUT',
    path: `${SNAPSHOT_PATH}/config`,
    privilege: (p) => [vmPath(p), 'VM.Snapshot'],
    handle({ params, model }) {
      if (params.description === undefined) return null;
      model.store.transaction(() => {
        const vm = model.requireVm(params.node, params.vmid);
        if (vm.lock) throw new PveError(`VM is locked (${vm.lock})`);
        const snap = model.snapshots.require(params.vmid, params.snapname);
        model.snapshots.save({ ...snap, description: String(params.description) });
      });
      return null;
    },
  },
  {
    operationId: 'rollbackSnapshot',
    method: 'POST',
    path: `${SNAPSHOT_PATH}/rollback`,
    privilege: (p) => [vmPath(p), ['VM.Snapshot', 'VM.Snapshot.Rollback']],
    handle({ params, model, caller, taskPlan }) {
      // starting the VM afterwards needs the power privilege too
      if (params.start === 1) requirePrivilege(caller, vmPath(params), 'VM.PowerMgmt');
      return rollbackSnapshot(model, params.node, params.vmid, params.snapname, params, caller.userid, taskPlan);
    },
  },
  {
    operationId: 'deleteSnapshot',
    method: 'DELETE',
    path: SNAPSHOT_PATH,
    privilege: (p) => [vmPath(p), 'VM.Snapshot'],
    handle: ({ params, model, caller, taskPlan }) => deleteSnapshot(model, params.node, params.vmid, params.snapname, caller.userid, taskPlan),
  },
];
