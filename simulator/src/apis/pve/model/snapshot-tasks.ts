// Taking, rolling back and deleting snapshots as PVE's worker tasks. PVE makes its checks inside the
// worker, so a refused snapshot is a task that fails with PVE's message (decided when it is created).
import type { TaskKind, TaskPlan } from '../../../core/tasks.js';
import { PveError } from '../errors.js';
import type { WorkerPayload } from '../worker.js';
import type { PveModel } from './index.js';
import { snapshotConfig } from './snapshots.js';
import { disksOf, type Vm, type VmConfig } from './vms.js';

interface SnapshotPayload extends WorkerPayload {
  vmid: number;
  snapname: string;
  /** the checks passed and the VM was locked: the end of the task must unlock it */
  prepared: boolean;
  /** rollback: start the VM afterwards */
  start?: boolean;
}

/** Storage types whose volumes support snapshots (raw files on directory storages do not). */
const SNAPSHOT_TYPES = new Set(['lvmthin', 'zfspool', 'rbd']);

function fail(message: string): TaskPlan {
  return { outcome: 'fail', message };
}

function snapshotFeature(model: PveModel, vm: Vm): boolean {
  return disksOf(vm.config).every((disk) => {
    const storage = model.inventory.storage(disk.volid.split(':')[0] ?? '');
    return storage !== undefined && (SNAPSHOT_TYPES.has(storage.type) || disk.volid.endsWith('.qcow2'));
  });
}

export function takeSnapshot(model: PveModel, node: string, vmid: number, params: { snapname: string; vmstate?: number; description?: string }, user: string, faultPlan?: TaskPlan): string {
  return model.store.transaction(() => {
    const { snapname } = params;
    if (snapname === 'current') throw new PveError("unable to use snapshot name 'current' (reserved name)");
    if (snapname.toLowerCase() === 'pending') throw new PveError("unable to use snapshot name 'pending' (reserved name)");
    const vm = model.requireVm(node, vmid);
    let plan = faultPlan;
    if (vm.template) plan ??= fail("you can't take a snapshot if it's a template");
    else if (vm.lock) plan ??= fail(`VM is locked (${vm.lock})`);
    else if (model.snapshots.get(vmid, snapname)) plan ??= fail(`snapshot name '${snapname}' already used`);
    else if (!snapshotFeature(model, vm)) plan ??= fail('snapshot feature is not available');
    const prepared = plan?.outcome !== 'fail';
    const withState = params.vmstate === 1 && vm.status === 'running';
    const log = [
      ...(withState ? [`saving VM state and RAM using storage '${disksOf(vm.config)[0]?.volid.split(':')[0] ?? 'local'}'`] : []),
      ...disksOf(vm.config).map((d) => `snapshotting 'drive-${d.key}' (${d.volid})`),
    ];
    if (prepared) {
      const config: VmConfig = snapshotConfig(vm.config);
      if (withState) config.vmstate = `${disksOf(vm.config)[0]?.volid.split(':')[0] ?? 'local'}:vm-${vmid}-state-${snapname}`;
      model.snapshots.save({
        vmid,
        name: snapname,
        parent: vm.config.parent === undefined ? null : String(vm.config.parent),
        snaptime: Math.floor(model.now() / 1000),
        vmstate: withState,
        description: params.description ?? '',
        snapstate: 'prepare',
        config,
      });
      model.vms.setLock(vmid, 'snapshot');
    }
    const payload: SnapshotPayload = { vmid, snapname, prepared, log };
    return model.workers.start({ node, type: 'qmsnapshot', id: String(vmid), user, payload, durationMs: model.timing().qmsnapshot, plan });
  });
}

export function rollbackSnapshot(model: PveModel, node: string, vmid: number, snapname: string, options: { start?: number }, user: string, faultPlan?: TaskPlan): string {
  return model.store.transaction(() => {
    const vm = model.requireVm(node, vmid);
    const snap = model.snapshots.get(vmid, snapname);
    let plan = faultPlan;
    if (vm.template) plan ??= fail("you can't rollback if vm is a template");
    else if (!snap) plan ??= fail(`snapshot '${snapname}' does not exist`);
    else if (snap.snapstate) plan ??= fail(`unable to rollback to incomplete snapshot (snapstate = ${snap.snapstate})`);
    else if (vm.lock) plan ??= fail(`VM is locked (${vm.lock})`);
    const prepared = plan?.outcome !== 'fail';
    const log: string[] = [];
    if (prepared) {
      // PVE stops a running VM before rolling back
      if (vm.status === 'running') log.push(`stopping VM ${vmid}`);
      Object.assign(vm, { status: 'stopped', startedAt: null, pid: null, lock: 'rollback' });
      model.vms.save(vm);
    }
    const start = options.start === 1 || snap?.vmstate === true;
    if (start) log.push(`starting VM ${vmid}`);
    const payload: SnapshotPayload = { vmid, snapname, prepared, start, log };
    return model.workers.start({ node, type: 'qmrollback', id: String(vmid), user, payload, durationMs: model.timing().qmrollback, plan });
  });
}

export function deleteSnapshot(model: PveModel, node: string, vmid: number, snapname: string, user: string, faultPlan?: TaskPlan): string {
  return model.store.transaction(() => {
    const vm = model.requireVm(node, vmid);
    const snap = model.snapshots.get(vmid, snapname);
    let plan = faultPlan;
    if (!snap) plan ??= fail(`snapshot '${snapname}' does not exist`);
    else if (vm.lock) plan ??= fail(`VM is locked (${vm.lock})`);
    else if (vm.template) plan ??= fail("you can't delete a snapshot if vm is a template");
    const prepared = plan?.outcome !== 'fail';
    if (prepared) model.vms.setLock(vmid, 'snapshot-delete');
    const log = snap ? disksOf(snap.config).map((d) => `delete snapshot '${snapname}' of ${d.volid}`) : [];
    const payload: SnapshotPayload = { vmid, snapname, prepared, log };
    return model.workers.start({ node, type: 'qmdelsnapshot', id: String(vmid), user, payload, durationMs: model.timing().qmdelsnapshot, plan });
  });
}

export function snapshotTaskKinds(model: PveModel): TaskKind<SnapshotPayload>[] {
  const unlock = (task: { payload: SnapshotPayload }) => {
    if (task.payload.prepared) model.vms.setLock(task.payload.vmid, null);
  };
  /** the VM and the snapshot a task works on, unless either went away meanwhile */
  const vmAndSnapshot = (task: { payload: SnapshotPayload }) => {
    const vm = model.vms.get(task.payload.vmid);
    const snap = model.snapshots.get(task.payload.vmid, task.payload.snapname);
    return vm && snap ? { vm, snap } : undefined;
  };
  return [
    {
      api: 'pve',
      type: 'qmsnapshot',
      succeed(task) {
        const found = vmAndSnapshot(task);
        if (!found) return;
        const { vm, snap } = found;
        model.snapshots.save({ ...snap, snapstate: null });
        vm.config.parent = snap.name;
        vm.lock = null;
        model.vms.save(vm);
      },
      undo(task) {
        if (!task.payload.prepared) return;
        model.snapshots.remove(task.payload.vmid, task.payload.snapname);
        unlock(task);
      },
    },
    {
      api: 'pve',
      type: 'qmrollback',
      succeed(task) {
        const found = vmAndSnapshot(task);
        if (!found) return;
        const { vm, snap } = found;
        const config: VmConfig = { ...snap.config, parent: snap.name };
        delete config.vmstate;
        vm.config = config;
        vm.lock = null;
        if (task.payload.start) Object.assign(vm, { status: 'running', startedAt: model.now(), pid: model.ctx.rng.int(1000, 0x3fffff) });
        model.vms.save(vm);
      },
      undo: unlock,
    },
    {
      api: 'pve',
      type: 'qmdelsnapshot',
      succeed(task) {
        const found = vmAndSnapshot(task);
        if (!found) return;
        const { vm, snap } = found;
        model.snapshots.remove(vm.vmid, snap.name);
        if (vm.config.parent === snap.name) {
          if (snap.parent) vm.config.parent = snap.parent;
          else delete vm.config.parent;
        }
        vm.lock = null;
        model.vms.save(vm);
      },
      undo: unlock,
    },
  ];
}
