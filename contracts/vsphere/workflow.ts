// The vCenter VM lifecycle as a fast-check model: sessions, clones (synchronous and as CIS tasks, polled
// to the end), cancellation, power changes and deletes, each checked against what the model says must
// be true. It runs against the simulator in tests and against a real vCenter the same way (it only
// touches VMs it created, named with the run's prefix).
// Invariants: a clone's id names a readable VM with the requested name and power state; a task ends
// SUCCEEDED with the new VM id as result, or (cancelled in time) FAILED with CANCELED and no VM left;
// power actions follow vCenter's state rules (ALREADY_IN_DESIRED_STATE, NOT_ALLOWED_IN_CURRENT_STATE);
// a powered-on VM cannot be deleted; a deleted VM is gone; listings show every VM with its state.
import fc from 'fast-check';
import type { WorkflowDefinition } from '../workflow.js';
import { type VsphereClient, vsphereClient } from './client.js';

export type PowerState = 'POWERED_ON' | 'POWERED_OFF' | 'SUSPENDED';
export type PowerAction = 'start' | 'stop' | 'suspend' | 'reset';

export interface WorkflowVm {
  id: string;
  name: string;
  power: PowerState;
}

export interface WorkflowModel {
  vms: WorkflowVm[];
  /** names handed out so far (each clone takes a new one) */
  named: number;
}

export interface WorkflowReal {
  client: VsphereClient;
  namePrefix: string;
  /** the VM every clone copies (the default scenario's powered-off source) */
  source: string;
}

type Command = fc.AsyncCommand<WorkflowModel, WorkflowReal>;

function fail(message: string): never {
  throw new Error(message);
}

function nextName(model: WorkflowModel, real: WorkflowReal): string {
  model.named += 1;
  return `${real.namePrefix}${model.named}`;
}

async function expectVm(real: WorkflowReal, id: unknown, name: string, power: PowerState): Promise<string> {
  if (typeof id !== 'string' || !/^vm-\d+$/.test(id)) fail(`expected a VM id, got ${JSON.stringify(id)}`);
  const vm = await real.client.call('GET', `/vcenter/vm/${id}`);
  if (vm.status !== 200) fail(`the new VM ${id} is not readable: ${vm.status} ${JSON.stringify(vm.body)}`);
  if (vm.body.name !== name) fail(`VM ${id} is named ${JSON.stringify(vm.body.name)}, expected ${name}`);
  if (vm.body.power_state !== power) fail(`VM ${id} is ${vm.body.power_state}, expected ${power}`);
  return id;
}

/** Where a power action leads from a state, or the error vCenter answers. */
export function powerOutcome(from: PowerState, action: PowerAction): PowerState | 'ALREADY_IN_DESIRED_STATE' | 'NOT_ALLOWED_IN_CURRENT_STATE' {
  const target: Record<PowerAction, PowerState> = { start: 'POWERED_ON', stop: 'POWERED_OFF', suspend: 'SUSPENDED', reset: 'POWERED_ON' };
  if (action !== 'reset' && from === target[action]) return 'ALREADY_IN_DESIRED_STATE';
  if ((action === 'suspend' || action === 'reset') && from !== 'POWERED_ON') return 'NOT_ALLOWED_IN_CURRENT_STATE';
  return target[action];
}

export class SessionCommand implements Command {
  check = () => true;
  async run(_model: WorkflowModel, real: WorkflowReal): Promise<void> {
    const answer = await real.client.call('GET', '/session');
    if (answer.status !== 200 || typeof answer.body?.user !== 'string') fail(`the session read answered ${answer.status} ${JSON.stringify(answer.body)}`);
    if (Date.parse(answer.body.last_accessed_time) < Date.parse(answer.body.created_time)) fail('the session was last used before it was created');
  }
  toString = () => 'session()';
}

export class CloneCommand implements Command {
  constructor(
    readonly asTask: boolean,
    readonly powerOn: boolean,
  ) {}
  check = () => true;
  async run(model: WorkflowModel, real: WorkflowReal): Promise<void> {
    const name = nextName(model, real);
    const power: PowerState = this.powerOn ? 'POWERED_ON' : 'POWERED_OFF';
    const answer = await real.client.call('POST', `/vcenter/vm?action=clone${this.asTask ? '&vmw-task=true' : ''}`, { name, source: real.source, power_on: this.powerOn });
    let id: unknown = answer.body;
    if (answer.status !== (this.asTask ? 202 : 200)) fail(`clone ${name} answered ${answer.status} ${JSON.stringify(answer.body)}`);
    if (this.asTask) {
      const task = await real.client.waitForTask(String(answer.body));
      if (task.status !== 'SUCCEEDED') fail(`clone task for ${name} ended ${task.status}: ${JSON.stringify(task.error)}`);
      id = task.result;
    }
    model.vms.push({ id: await expectVm(real, id, name, power), name, power });
  }
  toString = () => `clone(${this.asTask ? 'task' : 'sync'}, power_on=${this.powerOn})`;
}

/** Starts a clone task and cancels it at once: either the cancel wins (no VM) or the task had already ended. */
export class CancelCommand implements Command {
  check = () => true;
  async run(model: WorkflowModel, real: WorkflowReal): Promise<void> {
    const name = nextName(model, real);
    const started = await real.client.call('POST', '/vcenter/vm?action=clone&vmw-task=true', { name, source: real.source });
    if (started.status !== 202) fail(`clone task for ${name} answered ${started.status} ${JSON.stringify(started.body)}`);
    const cancel = await real.client.call('POST', `/cis/tasks/${encodeURIComponent(started.body)}?action=cancel`);
    const task = await real.client.waitForTask(started.body);
    const listed = await real.client.call('GET', `/vcenter/vm?names=${encodeURIComponent(name)}`);
    if (cancel.status === 204) {
      if (task.status !== 'FAILED' || task.error?.error_type !== 'CANCELED') fail(`a cancelled task ended ${task.status} ${JSON.stringify(task.error)}`);
      if (listed.body?.length !== 0) fail(`the cancelled clone ${name} left a VM: ${JSON.stringify(listed.body)}`);
      return;
    }
    if (cancel.status !== 400 || cancel.body?.error_type !== 'NOT_ALLOWED_IN_CURRENT_STATE') fail(`cancel answered ${cancel.status} ${JSON.stringify(cancel.body)}`);
    if (task.status !== 'SUCCEEDED') fail(`a task too late to cancel ended ${task.status}`);
    model.vms.push({ id: await expectVm(real, task.result, name, 'POWERED_OFF'), name, power: 'POWERED_OFF' });
  }
  toString = () => 'cloneThenCancel()';
}

export class PowerCommand implements Command {
  constructor(
    readonly selector: number,
    readonly action: PowerAction,
  ) {}
  check = (model: Readonly<WorkflowModel>) => model.vms.length > 0;
  async run(model: WorkflowModel, real: WorkflowReal): Promise<void> {
    const vm = model.vms[this.selector % model.vms.length]!;
    const expected = powerOutcome(vm.power, this.action);
    const answer = await real.client.call('POST', `/vcenter/vm/${vm.id}/power?action=${this.action}`);
    if (expected === 'ALREADY_IN_DESIRED_STATE' || expected === 'NOT_ALLOWED_IN_CURRENT_STATE') {
      if (answer.status !== 400 || answer.body?.error_type !== expected) fail(`${this.action} on ${vm.power} ${vm.id}: expected 400 ${expected}, got ${answer.status} ${JSON.stringify(answer.body)}`);
      return;
    }
    if (answer.status !== 204) fail(`${this.action} on ${vm.power} ${vm.id} answered ${answer.status} ${JSON.stringify(answer.body)}`);
    const state = await real.client.call('GET', `/vcenter/vm/${vm.id}/power`);
    if (state.body?.state !== expected) fail(`${vm.id} is ${state.body?.state} after ${this.action}, expected ${expected}`);
    vm.power = expected;
  }
  toString = () => `power(#${this.selector}, ${this.action})`;
}

export class DeleteCommand implements Command {
  constructor(readonly selector: number) {}
  check = (model: Readonly<WorkflowModel>) => model.vms.length > 0;
  async run(model: WorkflowModel, real: WorkflowReal): Promise<void> {
    const vm = model.vms[this.selector % model.vms.length]!;
    const answer = await real.client.call('DELETE', `/vcenter/vm/${vm.id}`);
    if (vm.power === 'POWERED_ON') {
      if (answer.status !== 400 || answer.body?.error_type !== 'NOT_ALLOWED_IN_CURRENT_STATE') fail(`deleting powered-on ${vm.id} answered ${answer.status} ${JSON.stringify(answer.body)}`);
      return;
    }
    if (answer.status !== 204) fail(`delete ${vm.id} answered ${answer.status} ${JSON.stringify(answer.body)}`);
    const after = await real.client.call('GET', `/vcenter/vm/${vm.id}`);
    if (after.status !== 404) fail(`VM ${vm.id} is still readable (${after.status}) after its delete`);
    model.vms = model.vms.filter((other) => other !== vm);
  }
  toString = () => `delete(#${this.selector})`;
}

export class ListCommand implements Command {
  check = () => true;
  async run(model: WorkflowModel, real: WorkflowReal): Promise<void> {
    const answer = await real.client.call('GET', '/vcenter/vm');
    if (answer.status !== 200 || !Array.isArray(answer.body)) fail(`the VM list answered ${answer.status}`);
    const listed = new Map((answer.body as Array<{ vm: string; power_state: string }>).map((vm) => [vm.vm, vm.power_state]));
    for (const vm of model.vms) if (listed.get(vm.id) !== vm.power) fail(`the VM list shows ${vm.id} as ${listed.get(vm.id) ?? 'missing'}, expected ${vm.power}`);
  }
  toString = () => 'list()';
}

export function workflowCommands(): Array<fc.Arbitrary<Command>> {
  const actions: PowerAction[] = ['start', 'stop', 'suspend', 'reset'];
  return [
    fc.constant(new SessionCommand()),
    fc.tuple(fc.boolean(), fc.boolean()).map(([asTask, powerOn]) => new CloneCommand(asTask, powerOn)),
    fc.constant(new CancelCommand()),
    fc.tuple(fc.nat(20), fc.constantFrom(...actions)).map(([selector, action]) => new PowerCommand(selector, action)),
    fc.nat(20).map((selector) => new DeleteCommand(selector)),
    fc.constant(new ListCommand()),
  ];
}

export function emptyModel(): WorkflowModel {
  return { vms: [], named: 0 };
}

/** The vCenter lifecycle for the harness's stateful phase: clones of vm-1003 (tmpl-ubuntu-2404). */
export const vsphereWorkflow: WorkflowDefinition<WorkflowModel, WorkflowReal> = {
  description: 'vCenter VM lifecycle: session, clone (sync and as a CIS task, polled), cancel, power, list, delete',
  commands: workflowCommands,
  initialModel: emptyModel,
  connect: (target) => ({
    client: vsphereClient({ baseUrl: target.baseUrl, send: target.send, session: target.session, pollMs: target.pollMs }),
    namePrefix: target.namePrefix,
    source: 'vm-1003',
  }),
  async cleanup(model, real) {
    for (const vm of model.vms) {
      if (vm.power !== 'POWERED_OFF') await real.client.call('POST', `/vcenter/vm/${vm.id}/power?action=stop`);
      await real.client.call('DELETE', `/vcenter/vm/${vm.id}`);
    }
  },
};
