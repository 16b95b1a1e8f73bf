// VM configuration changes (synchronous PUT, or as a qmconfig task with POST) and disk resizes.
import type { TaskKind, TaskPlan } from '../../../core/tasks.js';
import { PveError } from '../errors.js';
import type { WorkerPayload } from '../worker.js';
import type { PveModel } from './index.js';
import { formatSize, parseSize } from './units.js';
import { assertUnlocked, configDigest, disksOf, formatDisk, type Vm, type VmConfig } from './vms.js';

/** Parameters of a config update that are instructions, not config keys. */
const CONTROL_KEYS = new Set(['delete', 'digest', 'skiplock', 'background_delay', 'revert']);

export interface ConfigChange {
  set: VmConfig;
  delete: string[];
}

export function configChange(params: Record<string, unknown>): ConfigChange {
  const set: VmConfig = {};
  for (const [key, value] of Object.entries(params)) if (!CONTROL_KEYS.has(key) && value !== undefined) set[key] = value as string | number;
  const del = typeof params.delete === 'string' ? params.delete.split(/[,;\s]+/).filter(Boolean) : [];
  const both = del.find((key) => key in set);
  if (both) throw new PveError(`unable to delete '${both}' - it is also set`);
  return { set, delete: del };
}

function checkedVm(model: PveModel, node: string, vmid: number, params: Record<string, unknown>, user: string): Vm {
  const vm = model.requireVm(node, vmid);
  if (!(params.skiplock === 1 && user === 'root@pam')) assertUnlocked(vm);
  if (typeof params.digest === 'string' && params.digest !== configDigest(vm.config))
    throw new PveError('detected modified configuration - file changed by other user? Try again.');
  return vm;
}

function apply(vm: Vm, change: ConfigChange): void {
  for (const key of change.delete) delete vm.config[key];
  Object.assign(vm.config, change.set);
}

export function updateConfigNow(model: PveModel, node: string, vmid: number, params: Record<string, unknown>, user: string): void {
  model.store.transaction(() => {
    const vm = checkedVm(model, node, vmid, params, user);
    apply(vm, configChange(params));
    model.vms.save(vm);
  });
}

interface ConfigPayload extends WorkerPayload {
  vmid: number;
  change: ConfigChange;
}

export function updateConfigTask(model: PveModel, node: string, vmid: number, params: Record<string, unknown>, user: string, plan?: TaskPlan): string {
  return model.store.transaction(() => {
    checkedVm(model, node, vmid, params, user);
    const change = configChange(params);
    const log = [...Object.entries(change.set).map(([k, v]) => `update VM ${vmid}: -${k} ${v}`), ...change.delete.map((k) => `delete VM ${vmid}: ${k}`)];
    const payload: ConfigPayload = { vmid, change, log };
    return model.workers.start({ node, type: 'qmconfig', id: String(vmid), user, payload, durationMs: model.timing().qmconfig, plan });
  });
}

interface ResizePayload extends WorkerPayload {
  vmid: number;
  disk: string;
  size: number;
}

export function resizeDisk(model: PveModel, node: string, vmid: number, params: { disk: string; size: string; skiplock?: number; digest?: string }, user: string, plan?: TaskPlan): string {
  return model.store.transaction(() => {
    const vm = checkedVm(model, node, vmid, params as Record<string, unknown>, user);
    const disk = disksOf(vm.config).find((d) => d.key === params.disk);
    if (!disk) throw new PveError(`disk '${params.disk}' does not exist`);
    const relative = params.size.startsWith('+');
    const amount = parseSize(relative ? params.size.slice(1) : params.size);
    if (amount === undefined) throw new PveError(`unable to parse size '${params.size}'`);
    const size = relative ? disk.size + amount : amount;
    if (size < disk.size) throw new PveError('shrinking disks is not supported');
    let taskPlan = plan;
    const volume = model.inventory.volume(disk.volid);
    if (!taskPlan && volume) {
      const storage = model.inventory.storage(volume.storage)!;
      const growth = size - disk.size;
      if (growth > model.inventory.available(storage, volume.node))
        taskPlan = { outcome: 'fail', message: `not enough space on storage '${storage.id}' to grow ${disk.key} by ${formatSize(growth)}` };
    }
    const payload: ResizePayload = { vmid, disk: disk.key, size, log: [`Image resized to ${formatSize(size)}.`] };
    return model.workers.start({ node, type: 'qmresize', id: String(vmid), user, payload, durationMs: model.timing().qmresize, plan: taskPlan });
  });
}

export function configTaskKinds(model: PveModel): TaskKind[] {
  const config: TaskKind<ConfigPayload> = {
    api: 'pve',
    type: 'qmconfig',
    succeed(task) {
      const vm = model.vms.get(task.payload.vmid);
      if (!vm) return;
      apply(vm, task.payload.change);
      model.vms.save(vm);
    },
  };
  const resize: TaskKind<ResizePayload> = {
    api: 'pve',
    type: 'qmresize',
    succeed(task) {
      const vm = model.vms.get(task.payload.vmid);
      if (!vm) return;
      const disk = disksOf(vm.config).find((d) => d.key === task.payload.disk);
      if (!disk) return;
      vm.config[disk.key] = formatDisk({ ...disk, size: task.payload.size });
      if (model.inventory.volume(disk.volid)) model.inventory.resizeVolume(disk.volid, task.payload.size);
      model.vms.save(vm);
    },
  };
  return [config, resize];
}
