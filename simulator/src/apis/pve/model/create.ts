// Creating a VM from scratch (PVE's create_vm, task qmcreate): the checks made at once, the VM that
// exists at once with `lock: create` and nothing else, and the full configuration written when the task
// ends. Disks given as `<storage>:<GiB>` are allocated on that storage.
import type { TaskKind, TaskPlan } from '../../../core/tasks.js';
import { PveError } from '../errors.js';
import type { WorkerPayload } from '../worker.js';
import { DRIVE_KEY, type PlannedVolume, planDrive } from './drives.js';
import type { PveModel } from './index.js';
import { addMissingMacs, netKeys } from './network.js';
import { formatSize } from './units.js';
import type { VmConfig } from './vms.js';

/** Parameters of create_vm that are instructions, not configuration keys. */
const CONTROL_KEYS = new Set(['node', 'vmid', 'pool', 'storage', 'start', 'unique', 'force', 'archive', 'bwlimit', 'live-restore']);

interface CreatePayload extends WorkerPayload {
  vmid: number;
  config: VmConfig;
  volumes: PlannedVolume[];
  pool: string | undefined;
  start: boolean;
}

export function createVm(model: PveModel, node: string, params: Record<string, any>, user: string, faultPlan?: TaskPlan): string {
  return model.store.transaction(() => {
    model.inventory.requireNode(node);
    const vmid = Number(params.vmid);
    const pool = params.pool as string | undefined;
    if (pool !== undefined) model.pools.require(pool);
    const config: VmConfig = {};
    for (const [key, value] of Object.entries(params)) if (!CONTROL_KEYS.has(key) && value !== undefined) config[key] = value as string | number;

    const volumes: PlannedVolume[] = [];
    const log: string[] = [];
    const taken = new Set<string>();
    for (const key of Object.keys(config).filter((k) => DRIVE_KEY.test(k)).sort(byDriveOrder)) {
      const drive = planDrive(model, node, vmid, key, String(config[key]), params.storage as string | undefined, taken);
      config[key] = drive.value;
      if (drive.volume) volumes.push(drive.volume);
      if (drive.log) log.push(drive.log);
    }
    addMissingMacs(config, model.ctx.rng);
    const existing = model.vms.get(vmid);
    if (existing) throw new PveError(`unable to create VM ${vmid} - VM ${vmid} already exists on node '${existing.node}'`);

    config.boot ??= defaultBootOrder(config);
    config.smbios1 ??= `uuid=${model.ctx.rng.uuid()}`;
    config.vmgenid ??= model.ctx.rng.uuid();
    config.meta = `creation-qemu=9.0.2,ctime=${Math.floor(model.now() / 1000)}`;

    const plan = faultPlan ?? spacePlan(model, vmid, volumes, node);
    model.vms.insert({ vmid, node, status: 'stopped', template: false, lock: 'create', config: {}, startedAt: null, pid: null });
    if (plan.outcome !== 'fail') for (const v of volumes) model.inventory.addVolume({ ...v, node, vmid, ctime: Math.floor(model.now() / 1000) });
    model.vmids.release(vmid);
    const start = params.start === 1;
    if (start) log.push('Execute autostart');
    const payload: CreatePayload = { vmid, config, volumes, pool, start, log };
    return model.workers.start({ node, type: 'qmcreate', id: String(vmid), user, payload, durationMs: model.timing().qmcreate, plan });
  });
}

/** PVE's default boot order: the disks, then the CD-ROM drives, then the first network device. */
function defaultBootOrder(config: VmConfig): string {
  const drives = Object.keys(config).filter((k) => DRIVE_KEY.test(k)).sort(byDriveOrder);
  const cdroms = drives.filter((k) => String(config[k]).includes('media=cdrom') || String(config[k]).startsWith('cdrom'));
  const disks = drives.filter((k) => !cdroms.includes(k) && !String(config[k]).startsWith('none'));
  const nets = netKeys(config).sort(byDriveOrder).slice(0, 1);
  return `order=${[...disks, ...cdroms, ...nets].join(';')}`;
}

function byDriveOrder(a: string, b: string): number {
  return a.localeCompare(b, 'en', { numeric: true });
}

function spacePlan(model: PveModel, vmid: number, volumes: PlannedVolume[], node: string): TaskPlan {
  const need = new Map<string, number>();
  for (const v of volumes) need.set(v.storage, (need.get(v.storage) ?? 0) + v.size);
  for (const [id, bytes] of need) {
    const available = model.inventory.available(model.inventory.storage(id)!, node);
    if (bytes > available)
      return { outcome: 'fail', message: `unable to create VM ${vmid} - not enough space on storage '${id}' (need ${formatSize(bytes)}, ${formatSize(available)} available)` };
  }
  return { outcome: 'succeed' };
}

export function createTaskKind(model: PveModel): TaskKind<CreatePayload> {
  return {
    api: 'pve',
    type: 'qmcreate',
    succeed(task) {
      const vm = model.vms.get(task.payload.vmid);
      if (!vm) return;
      vm.config = { ...task.payload.config };
      vm.lock = null;
      if (task.payload.start) Object.assign(vm, { status: 'running', startedAt: model.now(), pid: model.ctx.rng.int(1000, 0x3fffff) });
      model.vms.save(vm);
      if (task.payload.pool !== undefined && model.pools.get(task.payload.pool)) model.pools.addMember(task.payload.pool, { type: 'qemu', id: String(vm.vmid) });
    },
    undo(task) {
      model.inventory.removeVolumesOf(task.payload.vmid);
      model.vms.remove(task.payload.vmid);
    },
  };
}
