// Power and lifecycle of a VM: start, stop, shutdown, reboot, destroy, convert to template. Each checks
// PVE's preconditions at once and applies its effect when its task ends.
import type { TaskKind, TaskPlan } from '../../../core/tasks.js';
import { PveError, PveParamError } from '../errors.js';
import type { WorkerPayload } from '../worker.js';
import type { PveModel } from './index.js';
import { netKeys, parseNet } from './network.js';
import type { TimedTaskType } from './timing.js';
import { assertUnlocked, disksOf, formatDisk, type Vm } from './vms.js';

export type PowerAction = 'start' | 'stop' | 'shutdown' | 'reboot';

interface VmPayload extends WorkerPayload {
  vmid: number;
  pid?: number;
}

const TASK_TYPE: Record<PowerAction, TimedTaskType> = { start: 'qmstart', stop: 'qmstop', shutdown: 'qmshutdown', reboot: 'qmreboot' };

export function powerAction(model: PveModel, node: string, vmid: number, action: PowerAction, user: string, options: { skiplock?: number }, plan?: TaskPlan): string {
  return model.store.transaction(() => {
    const vm = model.requireVm(node, vmid);
    if (!(options.skiplock === 1 && user === 'root@pam')) assertUnlocked(vm);
    if (action === 'start') {
      if (vm.template) throw new PveError("you can't start a vm if it's a template");
      if (vm.status === 'running') throw new PveError(`VM ${vmid} already running`);
    }
    if ((action === 'shutdown' || action === 'reboot') && vm.status !== 'running') throw new PveError(`VM ${vmid} not running`);
    const type = TASK_TYPE[action];
    const payload: VmPayload = { vmid, log: logFor(action, vm), pid: model.ctx.rng.int(1000, 0x3fffff) };
    // PVE plugs the tap device into the bridge while starting: a missing bridge fails the start task
    const missingBridge = action === 'start' ? bridgesOf(vm).find((b) => !model.bridges().includes(b)) : undefined;
    const taskPlan = plan ?? (missingBridge === undefined ? undefined : { outcome: 'fail' as const, message: `bridge '${missingBridge}' does not exist` });
    return model.workers.start({ node, type, id: String(vmid), user, payload, durationMs: model.timing()[type], plan: taskPlan });
  });
}

function bridgesOf(vm: Vm): string[] {
  return netKeys(vm.config).flatMap((key) => parseNet(String(vm.config[key]))?.bridge ?? []);
}

function logFor(action: PowerAction, vm: Vm): string[] {
  switch (action) {
    case 'start':
      return [`generating cloud-init ISO`, `starting VM ${vm.vmid}`];
    case 'stop':
      return [`stopping VM ${vm.vmid}`];
    case 'shutdown':
      return [`requesting shutdown of VM ${vm.vmid}`];
    case 'reboot':
      return [`requesting reboot of VM ${vm.vmid}`];
  }
}

export interface DestroyOptions {
  skiplock?: number;
  purge?: number;
  'destroy-unreferenced-disks'?: number;
}

interface DestroyPayload extends VmPayload {
  /** the volumes the task removes: those the VM references, plus the rest of its own with destroy-unreferenced-disks */
  volids: string[];
}

export function destroyVm(model: PveModel, node: string, vmid: number, user: string, options: DestroyOptions, plan?: TaskPlan): string {
  return model.store.transaction(() => {
    if (options.skiplock === 1 && user !== 'root@pam') throw new PveParamError({ skiplock: 'Only root may use this option.' });
    const vm = model.requireVm(node, vmid);
    if (options.skiplock !== 1) assertUnlocked(vm);
    if (vm.status === 'running') throw new PveError(`VM ${vmid} is running - destroy failed`);
    if (vm.template) {
      const bases = disksOf(vm.config).map((d) => d.volid);
      const linked = model.vms.peekAll().find((other) => other.vmid !== vmid && disksOf(other.config).some((d) => bases.some((b) => d.volid.startsWith(`${b}/`))));
      if (linked) throw new PveError(`base volume '${bases[0]}' is still in use by linked cloned VM ${linked.vmid}`);
    }
    const referenced = referencedVolumes(model, vm);
    const volumes = model.inventory.volumesOf(vmid).filter((v) => referenced.has(v.volid) || options['destroy-unreferenced-disks'] === 1);
    const log = volumes.map((v) => `Removing image: 100% complete...done. (${v.volid})`);
    if (options.purge === 1) log.push(`purging VM ${vmid} from related configurations..`);
    const payload: DestroyPayload = { vmid, log: log.length > 0 ? log : [`destroying VM ${vmid}`], volids: volumes.map((v) => v.volid) };
    return model.workers.start({ node, type: 'qmdestroy', id: String(vmid), user, payload, durationMs: model.timing().qmdestroy, plan });
  });
}

/** Volumes a VM's configuration or its snapshots point at (disks, cloud-init drives, unusedN). */
function referencedVolumes(model: PveModel, vm: Vm): Set<string> {
  const volids = new Set<string>();
  const scan = (config: Record<string, string | number>) => {
    for (const [key, value] of Object.entries(config))
      if (/^(?:scsi|virtio|sata|ide)\d+$|^unused\d+$/.test(key)) volids.add(String(value).split(',')[0] ?? '');
  };
  scan(vm.config);
  for (const snap of model.snapshots.of(vm.vmid)) scan(snap.config);
  return volids;
}

export function convertToTemplate(model: PveModel, node: string, vmid: number, user: string, plan?: TaskPlan): string {
  return model.store.transaction(() => {
    const vm = model.requireVm(node, vmid);
    assertUnlocked(vm);
    if (model.snapshots.count(vmid) > 0) throw new PveError('unable to create template, because VM contains snapshots');
    if (vm.template) throw new PveError("you can't convert a template to a template");
    if (vm.status === 'running') throw new PveError("you can't convert a VM to template if VM is running");
    const payload: VmPayload = { vmid, log: disksOf(vm.config).map((d) => `renaming ${d.volid} to base image`) };
    return model.workers.start({ node, type: 'qmtemplate', id: String(vmid), user, payload, durationMs: model.timing().qmtemplate, plan });
  });
}

export function lifecycleTaskKinds(model: PveModel): TaskKind<VmPayload>[] {
  const withVm = (vmid: number, fn: (vm: Vm) => void) => {
    const vm = model.vms.get(vmid);
    if (vm) {
      fn(vm);
      model.vms.save(vm);
    }
  };
  return [
    {
      api: 'pve',
      type: 'qmstart',
      succeed: (task) => withVm(task.payload.vmid, (vm) => Object.assign(vm, { status: 'running', startedAt: model.now(), pid: task.payload.pid ?? 1000 })),
    },
    { api: 'pve', type: 'qmstop', succeed: (task) => withVm(task.payload.vmid, (vm) => Object.assign(vm, { status: 'stopped', startedAt: null, pid: null })) },
    { api: 'pve', type: 'qmshutdown', succeed: (task) => withVm(task.payload.vmid, (vm) => Object.assign(vm, { status: 'stopped', startedAt: null, pid: null })) },
    { api: 'pve', type: 'qmreboot', succeed: (task) => withVm(task.payload.vmid, (vm) => Object.assign(vm, { status: 'running', startedAt: model.now() })) },
    {
      api: 'pve',
      type: 'qmdestroy',
      succeed(task) {
        const volids = (task.payload as DestroyPayload).volids;
        if (volids === undefined) model.inventory.removeVolumesOf(task.payload.vmid);
        else for (const volid of volids) model.inventory.removeVolume(volid);
        model.snapshots.removeAllOf(task.payload.vmid);
        model.pools.removeVm(task.payload.vmid);
        model.vms.remove(task.payload.vmid);
      },
    },
    {
      api: 'pve',
      type: 'qmtemplate',
      succeed: (task) =>
        withVm(task.payload.vmid, (vm) => {
          vm.template = true;
          vm.config.template = 1;
          for (const disk of disksOf(vm.config)) {
            const base = disk.volid.replace(`vm-${vm.vmid}-disk-`, `base-${vm.vmid}-disk-`);
            model.inventory.renameVolume(disk.volid, base);
            vm.config[disk.key] = formatDisk({ ...disk, volid: base });
          }
        }),
    },
  ];
}
