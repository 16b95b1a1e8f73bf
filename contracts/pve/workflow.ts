// The PVE VM lifecycle as a fast-check model: sequences of clone (from a template), start, stop, list and
// delete, each checked against what a small model says must be true. It runs against the simulator in
// tests and against a real PVE the same way (it only creates and removes VMs of its own).
// Invariants: nextid never hands out an id that is in use; a clone's VM is readable and unlocked once its task
// ends; started VMs run and stopped ones stop; a deleted VM cannot be read; listings show every VM.
import fc from 'fast-check';
import type { WorkflowDefinition } from '../workflow.js';
import { type PveClient, pveClient } from './client.js';

export interface WorkflowVm {
  vmid: number;
  running: boolean;
}

export interface WorkflowModel {
  /** the VMs this run created and has not deleted */
  vms: WorkflowVm[];
  /** every id nextid handed out so far */
  issued: Set<number>;
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

async function expectTaskOk(real: WorkflowReal, upid: unknown, what: string): Promise<void> {
  if (typeof upid !== 'string' || !upid.startsWith('UPID:')) fail(`${what}: expected a UPID, got ${JSON.stringify(upid)}`);
  const exit = await real.client.waitForTask(real.node, upid);
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
    const name = `${real.namePrefix}${newid}`;
    const clone = await real.client.call('POST', `/nodes/${real.node}/qemu/${this.template}/clone`, { newid, name, full: this.full ? 1 : 0 });
    if (clone.status !== 200) fail(`clone of ${this.template} to ${newid} answered ${clone.status} ${clone.message}`);
    await expectTaskOk(real, clone.data, `clone to ${newid}`);
    const config = await real.client.call('GET', `/nodes/${real.node}/qemu/${newid}/config`);
    const data = config.data as { name?: string; lock?: string } | undefined;
    if (config.status !== 200) fail(`the new VM ${newid} is not readable: ${config.status} ${config.message}`);
    if (data?.lock !== undefined) fail(`VM ${newid} is still locked (${data.lock}) after its clone task ended`);
    if (data?.name !== name) fail(`VM ${newid} is named ${JSON.stringify(data?.name)}, expected ${name}`);
    model.vms.push({ vmid: newid, running: false });
  }
  toString = () => `clone(${this.template}, ${this.full ? 'full' : 'linked'})`;
}

export class StartCommand implements Command {
  constructor(readonly selector: number) {}
  check = (model: Readonly<WorkflowModel>) => pick(model.vms, this.selector, false) !== undefined;
  async run(model: WorkflowModel, real: WorkflowReal): Promise<void> {
    const vm = pick(model.vms, this.selector, false) as WorkflowVm;
    const answer = await real.client.call('POST', `/nodes/${real.node}/qemu/${vm.vmid}/status/start`);
    if (answer.status !== 200) fail(`start ${vm.vmid} answered ${answer.status} ${answer.message}`);
    await expectTaskOk(real, answer.data, `start ${vm.vmid}`);
    await expectPowerState(real, vm.vmid, 'running');
    vm.running = true;
  }
  toString = () => `start(#${this.selector})`;
}

export class StopCommand implements Command {
  constructor(readonly selector: number) {}
  check = (model: Readonly<WorkflowModel>) => pick(model.vms, this.selector, true) !== undefined;
  async run(model: WorkflowModel, real: WorkflowReal): Promise<void> {
    const vm = pick(model.vms, this.selector, true) as WorkflowVm;
    const answer = await real.client.call('POST', `/nodes/${real.node}/qemu/${vm.vmid}/status/stop`);
    if (answer.status !== 200) fail(`stop ${vm.vmid} answered ${answer.status} ${answer.message}`);
    await expectTaskOk(real, answer.data, `stop ${vm.vmid}`);
    await expectPowerState(real, vm.vmid, 'stopped');
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
    const answer = await real.client.call('DELETE', `/nodes/${real.node}/qemu/${vm.vmid}`, { purge: 1 });
    if (answer.status !== 200) fail(`delete ${vm.vmid} answered ${answer.status} ${answer.message}`);
    await expectTaskOk(real, answer.data, `delete ${vm.vmid}`);
    const after = await real.client.call('GET', `/nodes/${real.node}/qemu/${vm.vmid}/config`);
    if (after.status === 200) fail(`VM ${vm.vmid} is still readable after its delete task ended`);
    model.vms = model.vms.filter((other) => other !== vm);
  }
  toString = () => `delete(#${this.selector})`;
}

export class ListCommand implements Command {
  check = () => true;
  async run(model: WorkflowModel, real: WorkflowReal): Promise<void> {
    const answer = await real.client.call('GET', `/nodes/${real.node}/qemu`);
    const listed = new Set(((answer.data as Array<{ vmid?: number }> | undefined) ?? []).map((vm) => Number(vm.vmid)));
    const missing = model.vms.filter((vm) => !listed.has(vm.vmid)).map((vm) => vm.vmid);
    if (answer.status !== 200 || missing.length > 0) fail(`the VM list (${answer.status}) leaves out ${missing.join(', ')}`);
  }
  toString = () => 'list()';
}

async function expectPowerState(real: WorkflowReal, vmid: number, expected: string): Promise<void> {
  const current = await real.client.call('GET', `/nodes/${real.node}/qemu/${vmid}/status/current`);
  const status = (current.data as { status?: string } | undefined)?.status;
  if (status !== expected) fail(`VM ${vmid} is ${JSON.stringify(status)} after its task ended, expected ${expected}`);
}

/** The command generators, for `fc.commands`. `templates` are VM ids that are templates on the node. */
export function workflowCommands(templates: number[]): Array<fc.Arbitrary<Command>> {
  return [
    fc.tuple(fc.constantFrom(...templates), fc.boolean()).map(([template, full]) => new CloneCommand(template, full)),
    fc.nat(20).map((selector) => new StartCommand(selector)),
    fc.nat(20).map((selector) => new StopCommand(selector)),
    fc.nat(20).map((selector) => new DeleteCommand(selector)),
    fc.constant(new ListCommand()),
  ];
}

export function emptyModel(): WorkflowModel {
  return { vms: [], issued: new Set() };
}

/** The PVE lifecycle for the harness's stateful phase: clones of the default templates on pve1. */
export const pveWorkflow: WorkflowDefinition<WorkflowModel, WorkflowReal> = {
  description: 'PVE VM lifecycle: nextid, clone (full and linked), start, stop, list, delete',
  commands: () => workflowCommands([9000, 9001]),
  // two clones racing for nextid. (A delete racing a clone is left out: the clone may rightly take the
  // id the delete frees, and then "deleted VM still readable" cannot be told from the new VM.)
  races: () => {
    const clone = fc.tuple(fc.constantFrom(9000, 9001), fc.boolean()).map(([template, full]) => new CloneCommand(template, full));
    return [fc.tuple(clone, clone)];
  },
  initialModel: emptyModel,
  connect: (target) => ({
    client: pveClient({ baseUrl: target.baseUrl, send: target.send, session: target.session, pollMs: target.pollMs }),
    node: 'pve1',
    namePrefix: target.namePrefix,
  }),
  async cleanup(model, real) {
    for (const vm of model.vms) {
      if (vm.running) await real.client.call('POST', `/nodes/${real.node}/qemu/${vm.vmid}/status/stop`).then((a) => real.client.waitForTask(real.node, String(a.data)));
      const answer = await real.client.call('DELETE', `/nodes/${real.node}/qemu/${vm.vmid}`, { purge: 1 });
      if (answer.status === 200) await real.client.waitForTask(real.node, String(answer.data));
    }
  },
};
