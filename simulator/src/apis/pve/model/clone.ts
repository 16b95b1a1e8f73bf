// Cloning: the checks PVE makes before the task starts, the new VM that exists at once (locked), the
// space it takes on the target storage, and what the end of the task does or undoes.
import type { TaskKind, TaskPlan } from '../../../core/tasks.js';
import { PveError, PveParamError } from '../errors.js';
import type { WorkerPayload } from '../worker.js';
import type { PveModel } from './index.js';
import { defaultFormat, freeVolumeId, type Storage, volumeId } from './inventory.js';
import { cloneDurationMs } from './timing.js';
import { renewMacs } from './network.js';
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
    // the checks in the order of PVE's clone_vm: pool, target node, explicit storage, then the source
    const target = params.target === node ? undefined : params.target;
    if (params.pool !== undefined) model.pools.require(params.pool);
    if (target !== undefined) model.inventory.requireNode(target);
    model.inventory.requireNode(node);
    if (params.storage !== undefined) {
      const storage = model.inventory.requireStorage(params.storage, node);
      if (!storage.content.split(',').includes('images')) throw new PveParamError({ storage: `storage '${storage.id}' does not support vm images` });
      if (target !== undefined) {
        model.inventory.requireStorage(params.storage, target);
        if (!storage.shared) throw new PveError(`can't clone to non-shared storage '${storage.id}'`);
      }
    }
    const source = model.requireVm(node, vmid);
    assertUnlocked(source);
    const snapshot = params.snapname === undefined ? undefined : model.snapshots.get(vmid, params.snapname);
    if (params.snapname !== undefined && !snapshot) throw new PveError(`snapshot '${params.snapname}' does not exist`);
    const full = params.full === undefined ? !source.template : params.full === 1;
    if (!full && params.storage !== undefined) throw new PveError("parameter 'storage' not allowed for linked clones");
    if (!full && params.format !== undefined) throw new PveError("parameter 'format' not allowed for linked clones");
    const oldConfig = snapshot ? snapshot.config : source.config;
    const disks = disksOf(oldConfig);
    const sourceStorage = (disk: Disk): Storage => model.inventory.requireStorage(disk.volid.split(':')[0] ?? '', node);
    const sharedVm = disks.every((disk) => sourceStorage(disk).shared);
    if (target !== undefined && !sharedVm) throw new PveError(`can't clone VM to node '${target}' (VM uses local storage)`);
    if (model.vms.exists(params.newid)) throw new PveError(`unable to create VM ${params.newid}: config file already exists`);
    if (!full)
      for (const disk of disks)
        if (!linkedCloneSupported(sourceStorage(disk), disk.volid, snapshot !== undefined))
          throw new PveError(`Linked clone feature is not supported for ${snapshot ? 'a snapshot of ' : ''}'${disk.volid}' (${disk.key})`);
    const targetNode = target ?? node;
    const explicitStorage = params.storage === undefined ? undefined : model.inventory.storage(params.storage)!;

    const config: VmConfig = {};
    for (const [key, value] of Object.entries(oldConfig)) if (!SNAPSHOT_KEYS.has(key) && !/^unused\d+$/.test(key)) config[key] = value;
    delete config.template;
    renewMacs(config, model.ctx.rng);
    config.name = params.name ?? `Copy-of-VM-${oldConfig.name ?? source.vmid}`;
    if (params.description !== undefined) config.description = params.description;
    const volumes: CloneVolume[] = [];
    const log: string[] = [];
    let bytes = 0;
    const taken = new Set<string>();
    disks.forEach((disk, index) => {
      const storage = explicitStorage ?? sourceStorage(disk);
      if (full) {
        const format = params.format ?? defaultFormat(storage);
        const volid = freeVolumeId(model.inventory, storage, params.newid, format, taken);
        volumes.push({ volid, storage: storage.id, size: disk.size, format });
        config[disk.key] = formatDisk({ volid, size: disk.size, options: disk.options });
        log.push(`create full clone of drive ${disk.key} (${disk.volid})`);
        bytes += disk.size;
      } else {
        const volid = linkedVolumeId(storage, disk.volid, params.newid, index, source.template);
        volumes.push({ volid, storage: storage.id, size: 0, format: defaultFormat(storage) });
        config[disk.key] = formatDisk({ volid, size: disk.size, options: disk.options });
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
    if (params.pool !== undefined) model.pools.addMember(params.pool, { type: 'qemu', id: String(params.newid) });
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

/** Keys PVE does not copy into a clone (snapshot bookkeeping). */
const SNAPSHOT_KEYS = new Set(['snapshots', 'parent', 'snaptime', 'vmstate', 'snapstate', 'runningcpu', 'runningmachine', 'lock']);

/** Storages whose volumes can be cloned from a snapshot (thin volumes); every storage can clone a base volume. */
const SNAPSHOT_CLONE_TYPES = new Set(['lvmthin', 'zfspool', 'rbd']);

function linkedCloneSupported(storage: Storage, volid: string, fromSnapshot: boolean): boolean {
  if (fromSnapshot) return SNAPSHOT_CLONE_TYPES.has(storage.type);
  return /(?:^|[:/])base-\d+-disk-\d+/.test(volid);
}

/** The volume id of a linked clone's disk: under the base volume, or a thin snapshot clone. */
function linkedVolumeId(storage: Storage, volid: string, newid: number, index: number, fromBase: boolean): string {
  if (!fromBase) return volumeId(storage, newid, index, defaultFormat(storage));
  const name = volid.slice(volid.indexOf(':') + 1);
  if (volid.endsWith('.qcow2') || volid.endsWith('.raw') || volid.endsWith('.vmdk')) return `${storage.id}:${name}/${newid}/vm-${newid}-disk-${index}.${defaultFormat(storage)}`;
  return `${storage.id}:${name}/vm-${newid}-disk-${index}`;
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
      model.pools.removeVm(task.payload.newid);
      model.vms.remove(task.payload.newid);
      if (task.payload.sourceLocked) model.vms.setLock(task.payload.source, null);
    },
  };
}
