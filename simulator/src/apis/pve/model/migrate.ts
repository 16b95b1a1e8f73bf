// Migrating a VM to another node (PVE's migrate_vm and QemuMigrate, task qmigrate). Offline for a
// stopped VM; online (`online=1`) for a running one, which on local disks also needs `with-local-disks`.
// The VM, and its volumes on local storage, belong to the target node when the task ends.
import type { TaskKind, TaskPlan } from '../../../core/tasks.js';
import { PveError, PveParamError } from '../errors.js';
import type { WorkerPayload } from '../worker.js';
import type { PveModel } from './index.js';
import type { Storage } from './inventory.js';
import { nodeAddress } from './network.js';
import { assertUnlocked, disksOf, type Vm } from './vms.js';

export interface MigrateParams {
  target: string;
  online?: number;
  force?: number;
  migration_type?: string;
  migration_network?: string;
  'with-local-disks'?: number;
  bwlimit?: number;
}

interface MigratePayload extends WorkerPayload {
  vmid: number;
  source: string;
  target: string;
  online: boolean;
  /** the task checks passed and the VM was locked */
  prepared: boolean;
}

const ROOT_ONLY = ['force', 'migration_type', 'migration_network'] as const;

/** Each disk's storage, and whether it is local to a node. */
function diskStorages(model: PveModel, vm: Vm): Array<{ key: string; volid: string; size: number; storage: Storage }> {
  return disksOf(vm.config).map((d) => ({ key: d.key, volid: d.volid, size: d.size, storage: model.inventory.requireStorage(d.volid.split(':')[0] ?? '', vm.node) }));
}

/** Storages the VM uses that a node does not see (PVE's check_local_storage_availability). */
export function unavailableStorages(model: PveModel, vm: Vm, node: string): string[] {
  const missing = new Set<string>();
  for (const { storage } of diskStorages(model, vm)) if (storage.nodes.length > 0 && !storage.nodes.includes(node)) missing.add(storage.id);
  return [...missing];
}

export function migratePreconditions(model: PveModel, node: string, vmid: number) {
  const vm = model.requireVm(node, vmid);
  assertUnlocked(vm);
  const allowed: string[] = [];
  const notAllowed: Record<string, { unavailable_storages: string[] }> = {};
  for (const other of model.inventory.nodes()) {
    if (other.name === node) continue;
    const missing = unavailableStorages(model, vm, other.name);
    if (missing.length > 0) notAllowed[other.name] = { unavailable_storages: missing };
    else allowed.push(other.name);
  }
  const localDisks = diskStorages(model, vm)
    .filter((d) => !d.storage.shared)
    .map((d) => ({ volid: d.volid, size: d.size, drivename: d.key, is_attached: 1, cdrom: 0, is_unused: 0, replicate: 1, shared: 0 }));
  return {
    running: vm.status === 'running' ? 1 : 0,
    allowed_nodes: allowed,
    not_allowed_nodes: notAllowed,
    local_disks: localDisks,
    local_resources: [],
    'mapped-resources': [],
    'mapped-resource-info': {},
    'has-dbus-vmstate': 1,
  };
}

export function migrateVm(model: PveModel, node: string, vmid: number, params: MigrateParams, user: string, faultPlan?: TaskPlan): string {
  return model.store.transaction(() => {
    const { target } = params;
    if (target === node) throw new PveParamError({ target: 'target is local node.' });
    model.inventory.requireNode(node);
    model.inventory.requireNode(target);
    for (const key of ROOT_ONLY) if (params[key] !== undefined && params[key] !== 0 && user !== 'root@pam') throw new PveParamError({ [key]: 'Only root may use this option.' });
    const vm = model.requireVm(node, vmid);
    assertUnlocked(vm);
    const running = vm.status === 'running';
    if (running && params.online !== 1) throw new PveError("can't migrate running VM without --online");
    const disks = diskStorages(model, vm);
    for (const { storage } of disks)
      if (storage.nodes.length > 0 && !storage.nodes.includes(target)) throw new PveError(`storage '${storage.id}' is not available on node '${target}'`);
    const online = running;
    const log = [
      ...(params.online === 1 && !running ? ["VM isn't running. Doing offline migration instead."] : []),
      `starting migration of VM ${vmid} to node '${target}' (${nodeAddress(model, target)})`,
    ];
    const local = disks.filter((d) => !d.storage.shared);
    let plan = faultPlan;
    if (online && local.length > 0 && params['with-local-disks'] !== 1) {
      // PVE logs the reason per disk and aborts the task
      for (const d of local) log.push(`can't migrate local disk '${d.volid}': can't live migrate attached local disks without with-local-disks option`);
      log.push("migration aborted (duration 00:00:01): can't migrate VM - check log");
      plan ??= { outcome: 'fail', message: 'migration aborted' };
    } else {
      for (const d of local) log.push(`found local disk '${d.volid}' (attached)`);
      if (local.length > 0) log.push('copying local disk images');
      if (online) log.push(`starting online/live migration on unix:/run/qemu-server/${vmid}.migrate`);
      log.push('migration finished successfully (duration 00:00:03)');
    }
    const prepared = plan?.outcome !== 'fail';
    if (prepared) model.vms.setLock(vmid, 'migrate');
    const payload: MigratePayload = { vmid, source: node, target, online, prepared, log };
    const durationMs = model.timing().qmigrate + local.reduce((sum, d) => sum + (d.size / model.timing().cloneBytesPerSecond) * 1000, 0);
    return model.workers.start({ node, type: 'qmigrate', id: String(vmid), user, payload, durationMs, plan });
  });
}

export function migrateTaskKind(model: PveModel): TaskKind<MigratePayload> {
  return {
    api: 'pve',
    type: 'qmigrate',
    succeed(task) {
      const vm = model.vms.get(task.payload.vmid);
      if (!vm) return;
      model.inventory.moveVolumesOf(vm.vmid, task.payload.target);
      vm.node = task.payload.target;
      vm.lock = null;
      model.vms.save(vm);
    },
    undo(task) {
      if (task.payload.prepared) model.vms.setLock(task.payload.vmid, null);
    },
  };
}
