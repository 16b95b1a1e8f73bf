// Cloning: the checks PVE makes before the task starts, the new VM that exists at once (locked), the
// space it takes on the target storage, and what the end of the task does or undoes.
import type { TaskKind, TaskPlan } from '../../../core/tasks.js';
import { PveError } from '../errors.js';
import type { WorkerPayload } from '../worker.js';
import type { PveModel } from './index.js';
import { defaultFormat, type Storage, volumeId } from './inventory.js';
import { cloneDurationMs } from './timing.js';
import { formatSize } from './units.js';
import { assertUnlocked, type Disk, disksOf, formatDisk, type VmConfig } from './vms.js';

export interface CloneParams {
  newid: number;
  name?: string;
  description?: string;
  pool?: string;
  snapname?: string;
  storage?: string;
  format?: string;
  full?: number;
  target?: string;
  bwlimit?: number;
}

interface CloneVolume {
  volid: string;
  storage: string;
  size: number;
  format: string;
}

export interface ClonePayload extends WorkerPayload {
  source: number;
  newid: number;
  /** the source was locked for the copy and must be unlocked at the end */
  sourceLocked: boolean;
  volumes: CloneVolume[];
}

export function cloneVm(model: PveModel, node: string, vmid: number, params: CloneParams, user: string, faultPlan?: TaskPlan): string {
  return model.store.transaction(() => {
    const source = model.requireVm(node, vmid);
    const targetNode = params.target ?? node;
    model.inventory.requireNode(targetNode);
    const full = params.full === undefined ? !source.template : params.full === 1;
    if (!full) {
      if (params.storage !== undefined) throw new PveError("parameter 'storage' not allowed for linked clones");
      if (params.format !== undefined) throw new PveError("parameter 'format' not allowed for linked clones");
    }
    assertUnlocked(source);
    const disks = disksOf(source.config);
    if (!full && !source.template) throw new PveError(`Linked clone feature is not supported for drive '${disks[0]?.key ?? 'scsi0'}'`);
    const explicitStorage = params.storage === undefined ? undefined : model.inventory.requireStorage(params.storage, targetNode);
    const storageOf = (disk: Disk): Storage => explicitStorage ?? model.inventory.requireStorage(disk.volid.split(':')[0] ?? '', node);
    if (targetNode !== node) {
      for (const disk of disks) {
        const storage = storageOf(disk);
        if (!storage.shared) throw new PveError(`can't clone to non-shared storage '${storage.id}'`);
      }
    }
    if (model.vms.exists(params.newid)) throw new PveError(`unable to create VM ${params.newid}: config file already exists`);

    const config: VmConfig = { ...source.config };
    delete config.template;
    config.name = params.name ?? `Copy-of-VM-${source.config.name ?? source.vmid}`;
    if (params.description !== undefined) config.description = params.description;
    const volumes: CloneVolume[] = [];
    const log: string[] = [];
    let bytes = 0;
    disks.forEach((disk, index) => {
      const storage = storageOf(disk);
      if (full) {
        const format = params.format ?? defaultFormat(storage);
        const volid = volumeId(storage, params.newid, index, format);
        volumes.push({ volid, storage: storage.id, size: disk.size, format });
        config[disk.key] = formatDisk({ volid, size: disk.size, options: disk.options });
        log.push(`create full clone of drive ${disk.key} (${disk.volid})`);
        bytes += disk.size;
      } else {
        const linkedName = `${disk.volid}/${params.newid}/vm-${params.newid}-disk-${index}.${defaultFormat(storage)}`;
        volumes.push({ volid: linkedName, storage: storage.id, size: 0, format: defaultFormat(storage) });
        config[disk.key] = formatDisk({ volid: linkedName, size: disk.size, options: disk.options });
        log.push(`create linked clone of drive ${disk.key} (${disk.volid})`);
      }
    });
    if (full) for (let pct = 25; pct <= 100; pct += 25) log.push(`transferred ${gib((bytes * pct) / 100)} of ${gib(bytes)} (${pct.toFixed(2)}%)`);

    const plan = faultPlan ?? spacePlan(model, volumes, targetNode);
    const allocate = plan.outcome !== 'fail';
    const sourceLocked = full && !source.template;
    if (sourceLocked) model.vms.setLock(source.vmid, 'clone');
    model.vms.insert({ vmid: params.newid, node: targetNode, status: 'stopped', template: false, lock: 'clone', config, startedAt: null, pid: null });
    if (allocate) for (const v of volumes) model.inventory.addVolume({ ...v, node: targetNode, vmid: params.newid, ctime: Math.floor(model.now() / 1000) });
    model.vmids.release(params.newid);
    const payload: ClonePayload = { log, source: source.vmid, newid: params.newid, sourceLocked, volumes };
    return model.workers.start({
      node,
      type: 'qmclone',
      id: String(source.vmid),
      user,
      payload,
      durationMs: cloneDurationMs(model.timing(), full, bytes),
      plan,
    });
  });
}

/** A clone that does not fit on its target storage is planned to fail inside the task, as PVE's would. */
function spacePlan(model: PveModel, volumes: CloneVolume[], node: string): TaskPlan {
  const need = new Map<string, number>();
  for (const v of volumes) need.set(v.storage, (need.get(v.storage) ?? 0) + v.size);
  for (const [id, bytes] of need) {
    const storage = model.inventory.storage(id)!;
    const available = model.inventory.available(storage, node);
    if (bytes > available)
      return { outcome: 'fail', message: `clone failed: not enough space on storage '${id}' (need ${formatSize(bytes)}, ${formatSize(available)} available)` };
  }
  return { outcome: 'succeed' };
}

function gib(bytes: number): string {
  return `${(bytes / 1024 ** 3).toFixed(1)} GiB`;
}

export function cloneTaskKind(model: PveModel): TaskKind<ClonePayload> {
  return {
    api: 'pve',
    type: 'qmclone',
    succeed(task) {
      model.vms.setLock(task.payload.newid, null);
      if (task.payload.sourceLocked) model.vms.setLock(task.payload.source, null);
      return { vmid: task.payload.newid };
    },
    undo(task) {
      model.inventory.removeVolumesOf(task.payload.newid);
      model.vms.remove(task.payload.newid);
      if (task.payload.sourceLocked) model.vms.setLock(task.payload.source, null);
    },
  };
}
