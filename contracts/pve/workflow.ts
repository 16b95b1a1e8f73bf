// The PVE VM lifecycle as a fast-check model: sequences of clone (from a template), create, start, stop,
// snapshot, rollback, migrate, list and delete, each checked against what a small model says must be true. It runs against the simulator in
// tests and against a real PVE the same way (it only creates and removes VMs of its own).
// Invariants: nextid never hands out an id that is in use; a clone's VM is readable and unlocked once its task
// ends; started VMs run and stopped ones stop; a deleted VM cannot be read; listings show every VM; a snapshot
// becomes the VM's parent and a rollback restores it (stopped); a migrated VM is on its target node only.
import fc from 'fast-check';
import type { WorkflowDefinition } from '../workflow.js';
import { type PveClient, pveClient } from './client.js';

export interface WorkflowVm {
  vmid: number;
  /** unique within the run, so a VM that later takes the same id is told apart from this one */
  name: string;
  running: boolean;
  /** where the VM lives when a migration moved it (else the run's node) */
  node?: string;
  /** its snapshots, oldest first */
  snapshots?: string[];
}

const nodeOf = (vm: WorkflowVm, real: WorkflowReal) => vm.node ?? real.node;

export interface WorkflowModel {
  /** the VMs this run created and has not deleted */
  vms: WorkflowVm[];
  /** every id nextid handed out so far */
  issued: Set<number>;
  /** how many VMs the run has named */
  named: number;
}

/** A name no other VM of the run has had: an id comes back after a delete, a name does not. */
function uniqueName(model: WorkflowModel, real: WorkflowReal, vmid: number): string {
  model.named += 1;
  return `${real.namePrefix}${vmid}-${model.named}`;
}

export interface WorkflowReal {
  client: PveClient;
  node: string;
  namePrefix: string;
}

type Command = fc.AsyncCommand<WorkflowModel, WorkflowReal>;

function fail(message: string): never {
  throw new Error(message);
}

async function expectTaskOk(real: WorkflowReal, upid: unknown, what: string, node = real.node): Promise<void> {
  if (typeof upid !== 'string' || !upid.startsWith('UPID:')) fail(`${what}: expected a UPID, got ${JSON.stringify(upid)}`);
  const exit = await real.client.waitForTask(node, upid);
  if (exit !== 'OK') fail(`${what}: task ended with "${exit}"`);
}

function pick(vms: WorkflowVm[], selector: number, running: boolean): WorkflowVm | undefined {
  const candidates = vms.filter((vm) => vm.running === running);
  return candidates.length === 0 ? undefined : candidates[selector % candidates.length];
}

export class CloneCommand implements Command {
  constructor(
    readonly template: number,
    readonly full: boolean,
  ) {}
  check = () => true;
  async run(model: WorkflowModel, real: WorkflowReal): Promise<void> {
    const next = await real.client.call('GET', '/cluster/nextid');
    const newid = Number(next.data);
    if (next.status !== 200 || !Number.isInteger(newid)) fail(`nextid answered ${next.status} ${JSON.stringify(next.data)}`);
    if (model.issued.has(newid)) fail(`nextid handed out ${newid} a second time`);
    model.issued.add(newid);
    const name = uniqueName(model, real, newid);
    const clone = await real.client.call('POST', `/nodes/${real.node}/qemu/${this.template}/clone`, { newid, name, full: this.full ? 1 : 0 });
    if (clone.status !== 200) fail(`clone of ${this.template} to ${newid} answered ${clone.status} ${clone.message}`);
    await expectTaskOk(real, clone.data, `clone to ${newid}`);
    const config = await real.client.call('GET', `/nodes/${real.node}/qemu/${newid}/config`);
    const data = config.data as { name?: string; lock?: string } | undefined;
    if (config.status !== 200) fail(`the new VM ${newid} is not readable: ${config.status} ${config.message}`);
    if (data?.lock !== undefined) fail(`VM ${newid} is still locked (${data.lock}) after its clone task ended`);
    if (data?.name !== name) fail(`VM ${newid} is named ${JSON.stringify(data?.name)}, expected ${name}`);
    model.vms.push({ vmid: newid, name, running: false });
  }
  toString = () => `clone(${this.template}, ${this.full ? 'full' : 'linked'})`;
}

export class StartCommand implements Command {
  constructor(readonly selector: number) {}
  check = (model: Readonly<WorkflowModel>) => pick(model.vms, this.selector, false) !== undefined;
  async run(model: WorkflowModel, real: WorkflowReal): Promise<void> {
    const vm = pick(model.vms, this.selector, false) as WorkflowVm;
    const answer = await real.client.call('POST', `/nodes/${nodeOf(vm, real)}/qemu/${vm.vmid}/status/start`);
    if (answer.status !== 200) fail(`start ${vm.vmid} answered ${answer.status} ${answer.message}`);
    await expectTaskOk(real, answer.data, `start ${vm.vmid}`, nodeOf(vm, real));
    await expectPowerState(real, vm.vmid, 'running', nodeOf(vm, real));
    vm.running = true;
  }
  toString = () => `start(#${this.selector})`;
}

export class StopCommand implements Command {
  constructor(readonly selector: number) {}
  check = (model: Readonly<WorkflowModel>) => pick(model.vms, this.selector, true) !== undefined;
  async run(model: WorkflowModel, real: WorkflowReal): Promise<void> {
    const vm = pick(model.vms, this.selector, true) as WorkflowVm;
    const answer = await real.client.call('POST', `/nodes/${nodeOf(vm, real)}/qemu/${vm.vmid}/status/stop`);
    if (answer.status !== 200) fail(`stop ${vm.vmid} answered ${answer.status} ${answer.message}`);
    await expectTaskOk(real, answer.data, `stop ${vm.vmid}`, nodeOf(vm, real));
    await expectPowerState(real, vm.vmid, 'stopped', nodeOf(vm, real));
    vm.running = false;
  }
  toString = () => `stop(#${this.selector})`;
}

export class DeleteCommand implements Command {
  constructor(readonly selector: number) {}
  check = (model: Readonly<WorkflowModel>) => pick(model.vms, this.selector, false) !== undefined;
  async run(model: WorkflowModel, real: WorkflowReal): Promise<void> {
    const vm = pick(model.vms, this.selector, false) as WorkflowVm;
    // nextid hands out the lowest free id: once the delete takes effect the id may rightly come back,
    // even to a clone racing this delete before its answer arrives
    model.issued.delete(vm.vmid);
    const answer = await real.client.call('DELETE', `/nodes/${nodeOf(vm, real)}/qemu/${vm.vmid}`, { purge: 1 });
    if (answer.status !== 200) fail(`delete ${vm.vmid} answered ${answer.status} ${answer.message}`);
    await expectTaskOk(real, answer.data, `delete ${vm.vmid}`, nodeOf(vm, real));
    const after = await real.client.call('GET', `/nodes/${nodeOf(vm, real)}/qemu/${vm.vmid}/config`);
    // a clone racing this delete may rightly have taken the freed id: only this VM must be gone
    const still = (after.data as { name?: string } | undefined)?.name === vm.name;
    if (after.status === 200 && still) fail(`VM ${vm.vmid} (${vm.name}) is still readable after its delete task ended`);
    model.vms = model.vms.filter((other) => other !== vm);
  }
  toString = () => `delete(#${this.selector})`;
}

export class ListCommand implements Command {
  check = () => true;
  async run(model: WorkflowModel, real: WorkflowReal): Promise<void> {
    const answer = await real.client.call('GET', `/nodes/${real.node}/qemu`);
    const listed = new Set(((answer.data as Array<{ vmid?: number }> | undefined) ?? []).map((vm) => Number(vm.vmid)));
    const missing = model.vms.filter((vm) => nodeOf(vm, real) === real.node && !listed.has(vm.vmid)).map((vm) => vm.vmid);
    if (answer.status !== 200 || missing.length > 0) fail(`the VM list (${answer.status}) leaves out ${missing.join(', ')}`);
  }
  toString = () => 'list()';
}

export class CreateCommand implements Command {
  constructor(readonly memory: number) {}
  check = () => true;
  async run(model: WorkflowModel, real: WorkflowReal): Promise<void> {
    const newid = await freshId(model, real);
    const name = uniqueName(model, real, newid);
    const answer = await real.client.call('POST', `/nodes/${real.node}/qemu`, { vmid: newid, name, memory: this.memory, cores: 1, net0: 'virtio,bridge=vmbr0' });
    if (answer.status !== 200) fail(`create ${newid} answered ${answer.status} ${answer.message}`);
    await expectTaskOk(real, answer.data, `create ${newid}`);
    const config = await real.client.call('GET', `/nodes/${real.node}/qemu/${newid}/config`);
    const data = config.data as { name?: string; lock?: string; memory?: number; net0?: string } | undefined;
    if (config.status !== 200 || data?.name !== name || data.lock !== undefined) fail(`created VM ${newid} reads ${config.status} ${JSON.stringify(data)}`);
    if (Number(data.memory) !== this.memory) fail(`created VM ${newid} has memory ${data.memory}, expected ${this.memory}`);
    if (!/^virtio=[0-9A-F]{2}(?::[0-9A-F]{2}){5},bridge=vmbr0/i.test(String(data.net0))) fail(`created VM ${newid} got no MAC address: ${data.net0}`);
    model.vms.push({ vmid: newid, name, running: false });
  }
  toString = () => `create(${this.memory} MiB)`;
}

export class SnapshotCommand implements Command {
  constructor(readonly selector: number) {}
  check = (model: Readonly<WorkflowModel>) => model.vms.length > 0;
  async run(model: WorkflowModel, real: WorkflowReal): Promise<void> {
    const vm = model.vms[this.selector % model.vms.length]!;
    const snapname = `s${(vm.snapshots?.length ?? 0) + 1}x${this.selector}`;
    const answer = await real.client.call('POST', `/nodes/${nodeOf(vm, real)}/qemu/${vm.vmid}/snapshot`, { snapname, description: 'hypersim workflow' });
    if (answer.status !== 200) fail(`snapshot ${vm.vmid} answered ${answer.status} ${answer.message}`);
    await expectTaskOk(real, answer.data, `snapshot ${vm.vmid} ${snapname}`, nodeOf(vm, real));
    await expectParent(real, vm, snapname);
    vm.snapshots = [...(vm.snapshots ?? []), snapname];
  }
  toString = () => `snapshot(#${this.selector})`;
}

export class RollbackCommand implements Command {
  constructor(readonly selector: number) {}
  check = (model: Readonly<WorkflowModel>) => model.vms.some((vm) => (vm.snapshots?.length ?? 0) > 0);
  async run(model: WorkflowModel, real: WorkflowReal): Promise<void> {
    const withSnapshots = model.vms.filter((vm) => (vm.snapshots?.length ?? 0) > 0);
    const vm = withSnapshots[this.selector % withSnapshots.length]!;
    const snapname = vm.snapshots![this.selector % vm.snapshots!.length]!;
    const answer = await real.client.call('POST', `/nodes/${nodeOf(vm, real)}/qemu/${vm.vmid}/snapshot/${snapname}/rollback`);
    if (answer.status !== 200) fail(`rollback ${vm.vmid} to ${snapname} answered ${answer.status} ${answer.message}`);
    await expectTaskOk(real, answer.data, `rollback ${vm.vmid} to ${snapname}`, nodeOf(vm, real));
    await expectParent(real, vm, snapname);
    // a snapshot without RAM leaves the VM stopped
    await expectPowerState(real, vm.vmid, 'stopped', nodeOf(vm, real));
    vm.running = false;
  }
  toString = () => `rollback(#${this.selector})`;
}

export class MigrateCommand implements Command {
  constructor(
    readonly selector: number,
    readonly nodes: string[],
  ) {}
  check = (model: Readonly<WorkflowModel>) => this.nodes.length > 1 && pick(model.vms, this.selector, false) !== undefined;
  async run(model: WorkflowModel, real: WorkflowReal): Promise<void> {
    const vm = pick(model.vms, this.selector, false) as WorkflowVm;
    const from = nodeOf(vm, real);
    const others = this.nodes.filter((n) => n !== from);
    const target = others[this.selector % others.length]!;
    const answer = await real.client.call('POST', `/nodes/${from}/qemu/${vm.vmid}/migrate`, { target });
    if (answer.status !== 200) fail(`migrate ${vm.vmid} to ${target} answered ${answer.status} ${answer.message}`);
    await expectTaskOk(real, answer.data, `migrate ${vm.vmid} to ${target}`, from);
    if ((await real.client.call('GET', `/nodes/${target}/qemu/${vm.vmid}/config`)).status !== 200) fail(`VM ${vm.vmid} is not on ${target} after its migration`);
    if ((await real.client.call('GET', `/nodes/${from}/qemu/${vm.vmid}/config`)).status === 200) fail(`VM ${vm.vmid} is still on ${from} after its migration`);
    vm.node = target;
  }
  toString = () => `migrate(#${this.selector})`;
}

async function freshId(model: WorkflowModel, real: WorkflowReal): Promise<number> {
  const next = await real.client.call('GET', '/cluster/nextid');
  const id = Number(next.data);
  if (next.status !== 200 || !Number.isInteger(id)) fail(`nextid answered ${next.status} ${JSON.stringify(next.data)}`);
  if (model.issued.has(id)) fail(`nextid handed out ${id} a second time`);
  model.issued.add(id);
  return id;
}

async function expectParent(real: WorkflowReal, vm: WorkflowVm, snapname: string): Promise<void> {
  const list = await real.client.call('GET', `/nodes/${nodeOf(vm, real)}/qemu/${vm.vmid}/snapshot`);
  const entries = (list.data as Array<{ name?: string; parent?: string }> | undefined) ?? [];
  const current = entries.find((e) => e.name === 'current');
  if (list.status !== 200 || !entries.some((e) => e.name === snapname) || current?.parent !== snapname)
    fail(`VM ${vm.vmid}: snapshot list ${JSON.stringify(entries)} should hold ${snapname} as the current parent`);
}

async function expectPowerState(real: WorkflowReal, vmid: number, expected: string, node = real.node): Promise<void> {
  const current = await real.client.call('GET', `/nodes/${node}/qemu/${vmid}/status/current`);
  const status = (current.data as { status?: string } | undefined)?.status;
  if (status !== expected) fail(`VM ${vmid} is ${JSON.stringify(status)} after its task ended, expected ${expected}`);
}

/** The command generators, for `fc.commands`. `templates` are VM ids that are templates on the node;
 * with `nodes` (the cluster's node names) VMs also migrate between them. */
export function workflowCommands(templates: number[], nodes: string[] = []): Array<fc.Arbitrary<Command>> {
  return [
    fc.integer({ min: 1, max: 8 }).map((gib) => new CreateCommand(gib * 512)),
    fc.nat(20).map((selector) => new SnapshotCommand(selector)),
    fc.nat(20).map((selector) => new RollbackCommand(selector)),
    ...(nodes.length > 1 ? [fc.nat(20).map((selector) => new MigrateCommand(selector, nodes))] : []),
    fc.tuple(fc.constantFrom(...templates), fc.boolean()).map(([template, full]) => new CloneCommand(template, full)),
    fc.nat(20).map((selector) => new StartCommand(selector)),
    fc.nat(20).map((selector) => new StopCommand(selector)),
    fc.nat(20).map((selector) => new DeleteCommand(selector)),
    fc.constant(new ListCommand()),
  ];
}

export function emptyModel(): WorkflowModel {
  return { vms: [], issued: new Set(), named: 0 };
}

/** The PVE lifecycle for the harness's stateful phase: clones of the default templates on pve1. */
export const pveWorkflow: WorkflowDefinition<WorkflowModel, WorkflowReal> = {
  description: 'PVE VM lifecycle: nextid, clone (full and linked), create, start, stop, snapshot, rollback, migrate, list, delete',
  commands: () => workflowCommands([9000, 9001], ['pve1', 'pve2', 'pve3']),
  // two clones racing for nextid, and a delete racing a clone (which may rightly take the freed id)
  races: () => {
    const clone = fc.tuple(fc.constantFrom(9000, 9001), fc.boolean()).map(([template, full]) => new CloneCommand(template, full));
    const remove = fc.nat(20).map((selector) => new DeleteCommand(selector));
    return [fc.tuple(clone, clone), fc.tuple(remove, clone)];
  },
  initialModel: emptyModel,
  connect: (target) => ({
    client: pveClient({ baseUrl: target.baseUrl, send: target.send, session: target.session, pollMs: target.pollMs }),
    node: 'pve1',
    namePrefix: target.namePrefix,
  }),
  async cleanup(model, real) {
    for (const vm of model.vms) {
      const node = nodeOf(vm, real);
      if (vm.running) await real.client.call('POST', `/nodes/${node}/qemu/${vm.vmid}/status/stop`).then((a) => real.client.waitForTask(node, String(a.data)));
      const answer = await real.client.call('DELETE', `/nodes/${nodeOf(vm, real)}/qemu/${vm.vmid}`, { purge: 1 });
      if (answer.status === 200) await real.client.waitForTask(node, String(answer.data));
    }
  },
};
