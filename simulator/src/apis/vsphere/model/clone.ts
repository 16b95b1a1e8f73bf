// Cloning per seed 002: the CloneSpec checked in this order: missing objects, arguments that contradict
// each other, privileges, the name, resources, then the new VM created with its disks. Synchronous clones finish
// at once; `vmw-task=true` clones create the VM hidden (holding its name and space) and reveal it when the
// task ends, or remove it when the task fails or is cancelled.
import type { TaskKind, TaskPlan } from '../../../core/tasks.js';
import { errorFromText, invalidArgument, notFound, VsphereError } from '../errors.js';
import { type Caller, requirePrivilege } from './access.js';
import type { VsphereModel } from './index.js';
import type { Datastore } from './inventory.js';
import { type ClonePlacement, hostProblem, resolvePlacement } from './placement.js';
import type { Disk, PowerState, Vm } from './vms.js';

export interface CloneSpec {
  name: string;
  source: string;
  placement?: ClonePlacement;
  disks_to_remove?: string[];
  disks_to_update?: Record<string, { datastore: string }>;
  guest_customization_spec?: { name: string };
  power_on?: boolean;
}

export interface ClonePayload {
  source: string;
  vm: string;
  powerOn: boolean;
}

export const CLONE_SERVICE = 'com.vmware.vcenter.vm';
const CLONE_BASE_MS = 2000;
const CLONE_BYTES_PER_SECOND = 1024 ** 3;

interface PreparedClone {
  vm: Vm;
  disks: Disk[];
  /** the first resource problem (inaccessible host or datastore, no space), if any */
  problem: VsphereError | undefined;
}

function prepare(model: VsphereModel, spec: CloneSpec, caller: Caller): PreparedClone {
  const { inventory, vms } = model;
  const removed = new Set(spec.disks_to_remove ?? []);
  const updates = spec.disks_to_update ?? {};
  const source = vms.require(spec.source);
  const placement = resolvePlacement(inventory, source, spec.placement);
  const sourceDisks = vms.disks(source.id);
  const known = new Set(sourceDisks.map((d) => d.key));
  for (const key of [...removed, ...Object.keys(updates)]) if (!known.has(key)) throw notFound('Disk', key);
  for (const key of Object.keys(updates))
    if (removed.has(key))
      throw invalidArgument('com.vmware.api.vcenter.vm.clone.disk.remove_and_update', `Disk '${key}' is in both disks_to_remove and disks_to_update.`, [key]);
  const updateStores = Object.values(updates).map((u) => inventory.require('datastore', u.datastore));
  if (spec.guest_customization_spec && !model.customizationSpecExists(spec.guest_customization_spec.name))
    throw notFound('Customization specification', spec.guest_customization_spec.name);

  const copied = sourceDisks.filter((d) => !removed.has(d.key));
  const targetOf = (disk: Disk): Datastore =>
    updates[disk.key] ? inventory.require('datastore', updates[disk.key]!.datastore) : placement.datastore ?? inventory.require('datastore', disk.datastore);
  // the seed's privileges, on the objects it names (every datastore that receives a disk); the source first,
  // so that a user who may not clone at all is told so
  requirePrivilege(caller, 'VirtualMachine.Provisioning.Clone', source.id);
  for (const ds of updateStores) requirePrivilege(caller, 'Datastore.AllocateSpace', ds.id);
  if (placement.datastore) requirePrivilege(caller, 'Datastore.AllocateSpace', placement.datastore.id);
  for (const disk of copied) requirePrivilege(caller, 'Datastore.AllocateSpace', targetOf(disk).id);
  requirePrivilege(caller, 'VirtualMachine.Inventory.CreateFromExisting', placement.folder);
  requirePrivilege(caller, 'Resource.AssignVMToPool', placement.resourcePool);
  if (vms.nameTaken(placement.folder, spec.name))
    throw new VsphereError('ALREADY_EXISTS', 'com.vmware.api.vcenter.vm.clone.name.exists', `A virtual machine named '${spec.name}' already exists in folder '${placement.folder}'.`, [spec.name, placement.folder]);

  const id = model.nextVmId();
  const disks = copied.map((d) => ({ vm: id, key: d.key, label: d.label, capacity: d.capacity, datastore: targetOf(d).id }));
  const vm: Vm = {
    ...source,
    id,
    name: spec.name,
    datacenter: placement.datacenter,
    folder: placement.folder,
    resourcePool: placement.resourcePool,
    host: placement.host.id,
    cluster: placement.cluster,
    powerState: 'POWERED_OFF',
    uuid: model.ctx.rng.uuid(),
    pendingTask: null,
  };
  return { vm, disks, problem: hostProblem(placement.host) ?? spaceProblem(model, disks) };
}

function spaceProblem(model: VsphereModel, disks: Disk[]): VsphereError | undefined {
  const need = new Map<string, number>();
  for (const d of disks) need.set(d.datastore, (need.get(d.datastore) ?? 0) + d.capacity);
  for (const [id, bytes] of need) {
    const ds = model.inventory.require('datastore', id);
    if (!ds.accessible)
      return new VsphereError('RESOURCE_INACCESSIBLE', 'com.vmware.api.vcenter.vm.clone.datastore.inaccessible', `Datastore '${id}' is not accessible.`, [id]);
    const free = model.inventory.freeSpace(ds);
    if (bytes > free)
      return new VsphereError(
        'UNABLE_TO_ALLOCATE_RESOURCE',
        'com.vmware.api.vcenter.vm.clone.datastore.space',
        `Insufficient disk space on datastore '${id}': ${bytes} bytes needed, ${free} bytes free.`,
        [id, String(bytes), String(free)],
      );
  }
  return undefined;
}

/** The synchronous clone: the new VM exists (and runs, with power_on) when this returns its id. */
export function cloneNow(model: VsphereModel, spec: CloneSpec, caller: Caller, faultPlan: TaskPlan | undefined): string {
  return model.store.transaction(() => {
    const { vm, disks, problem } = prepare(model, spec, caller);
    if (problem) throw problem;
    if (faultPlan?.outcome === 'fail') throw errorFromText(faultPlan.message);
    model.vms.insert({ ...vm, powerState: spec.power_on ? 'POWERED_ON' : 'POWERED_OFF' }, disks);
    return vm.id;
  });
}

/** The clone as a CIS task: answers the task id; resource problems make the task fail, as in vCenter. */
export function cloneTask(model: VsphereModel, spec: CloneSpec, caller: Caller, faultPlan: TaskPlan | undefined): string {
  return model.store.transaction(() => {
    const { vm, disks, problem } = prepare(model, spec, caller);
    const plan: TaskPlan = problem ? { outcome: 'fail', message: `${problem.type}: ${problem.message}` } : faultPlan ?? { outcome: 'succeed' };
    const taskId = `${model.ctx.rng.uuid()}:${CLONE_SERVICE}`;
    const bytes = disks.reduce((sum, d) => sum + d.capacity, 0);
    model.vms.insert({ ...vm, pendingTask: taskId }, plan.outcome === 'fail' ? [] : disks);
    const payload: ClonePayload = { source: spec.source, vm: vm.id, powerOn: spec.power_on ?? false };
    model.ctx.tasks.create({
      id: taskId,
      api: 'vsphere',
      type: 'clone',
      target: spec.source,
      owner: caller.user,
      payload,
      durationMs: (CLONE_BASE_MS + (bytes / CLONE_BYTES_PER_SECOND) * 1000) * model.ctx.taskDurationScale,
      plan,
    });
    return taskId;
  });
}

export function cloneTaskKind(model: VsphereModel): TaskKind<ClonePayload> {
  return {
    api: 'vsphere',
    type: 'clone',
    succeed(task) {
      const state: PowerState = task.payload.powerOn ? 'POWERED_ON' : 'POWERED_OFF';
      model.vms.reveal(task.payload.vm, state);
      return task.payload.vm;
    },
    undo(task) {
      model.vms.remove(task.payload.vm);
    },
  };
}
