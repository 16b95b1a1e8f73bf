// The sandbox lifecycle as a fast-check model: create (waiting), snapshot, clone with and without waiting
// (named or generated snapshot), delete, list and expiry, each checked against what the model says must
// be true. It runs against the simulator in tests and against a live service the same way; it only
// touches the VMs and snapshots it made.
// Invariants: a waited VM or clone runs; a clone polled after wait=false ends running; a generated clone
// snapshot is gone afterwards and a named one stays; a deleted or expired VM is not found and its session
// is terminated with the right reason; listings show every VM and snapshot the model holds.
import fc from 'fast-check';
import type { WorkflowDefinition } from '../workflow.js';
import { type SandboxClient, sandboxClient } from './client.js';

export interface ModelVm {
  vmId: string;
  sessionId: string;
}

export interface SandboxModel {
  vms: ModelVm[];
  /** snapshots the run made and still holds */
  snapshots: string[];
}

export interface SandboxReal {
  client: SandboxClient;
  namePrefix: string;
}

type Command = fc.AsyncCommand<SandboxModel, SandboxReal>;

/** stays under the default scenario's cap of 10 VMs (one is the scenario's own) */
const MAX_MODEL_VMS = 6;

function fail(message: string): never {
  throw new Error(message);
}

function pick<T>(items: T[], selector: number): T | undefined {
  return items.length === 0 ? undefined : items[selector % items.length];
}

async function expectSession(real: SandboxReal, sessionId: string, status: string, reason?: string): Promise<void> {
  const session = await real.client.call('GET', `/v1/sessions/${sessionId}`);
  if (session.status !== 200 || session.body.status !== status) fail(`session ${sessionId}: ${session.status} ${JSON.stringify(session.body)}, expected ${status}`);
  if (reason !== undefined && session.body.termination_reason !== reason) fail(`session ${sessionId} ended for ${JSON.stringify(session.body.termination_reason)}, expected ${reason}`);
}

async function expectGone(real: SandboxReal, vm: ModelVm, reason: string): Promise<void> {
  const after = await real.client.call('GET', `/v1/vms/${vm.vmId}`);
  if (after.status !== 404) fail(`VM ${vm.vmId} answered ${after.status} after it was ${reason}`);
  await expectSession(real, vm.sessionId, 'terminated', reason);
}

export class CreateCommand implements Command {
  constructor(readonly memoryMb: number) {}
  check = (model: Readonly<SandboxModel>) => model.vms.length < MAX_MODEL_VMS;
  async run(model: SandboxModel, real: SandboxReal): Promise<void> {
    const answer = await real.client.call('POST', '/v1/vms?wait=true', { memory_mb: this.memoryMb, metadata: { owner: real.namePrefix } });
    if (answer.status !== 200 || answer.body.status !== 'running') fail(`create answered ${answer.status} ${JSON.stringify(answer.body)}`);
    const vm = await real.client.call('GET', `/v1/vms/${answer.body.vm_id}`);
    if (vm.body?.memory_mb !== this.memoryMb || vm.body?.status !== 'running') fail(`the new VM reads ${JSON.stringify(vm.body)}`);
    await expectSession(real, answer.body.session_id, 'active');
    model.vms.push({ vmId: answer.body.vm_id, sessionId: answer.body.session_id });
  }
  toString = () => `create(${this.memoryMb} MB)`;
}

export class SnapshotCommand implements Command {
  constructor(readonly selector: number) {}
  check = (model: Readonly<SandboxModel>) => model.vms.length > 0;
  async run(model: SandboxModel, real: SandboxReal): Promise<void> {
    const vm = pick(model.vms, this.selector)!;
    const name = `${real.namePrefix}snap-${model.snapshots.length}`;
    const answer = await real.client.call('POST', `/v1/vms/${vm.vmId}/snapshot`, { name });
    if (answer.status !== 200) fail(`snapshot of ${vm.vmId} answered ${answer.status} ${JSON.stringify(answer.body)}`);
    const read = await real.client.call('GET', `/v1/snapshots/${answer.body.snapshot_id}`);
    if (read.body?.name !== name || read.body?.vm_id !== vm.vmId) fail(`snapshot ${answer.body.snapshot_id} reads ${JSON.stringify(read.body)}`);
    model.snapshots.push(answer.body.snapshot_id);
  }
  toString = () => `snapshot(#${this.selector})`;
}

export class CloneCommand implements Command {
  constructor(
    readonly selector: number,
    readonly wait: boolean,
    readonly named: boolean,
  ) {}
  check = (model: Readonly<SandboxModel>) => model.vms.length > 0 && model.vms.length < MAX_MODEL_VMS;
  async run(model: SandboxModel, real: SandboxReal): Promise<void> {
    const source = pick(model.vms, this.selector)!;
    const body = this.named ? { snapshot_name: `${real.namePrefix}clone-${model.snapshots.length}` } : {};
    const answer = await real.client.call('POST', `/v1/vms/${source.vmId}/clone?wait=${this.wait}`, body);
    if (answer.status !== 200) fail(`clone of ${source.vmId} answered ${answer.status} ${JSON.stringify(answer.body)}`);
    const { vm_id: vmId, session_id: sessionId, snapshot_id: snapshotId } = answer.body;
    if (this.wait && (answer.body.status !== 'running' || answer.body.snapshot_deleted !== !this.named)) fail(`a waited clone answered ${JSON.stringify(answer.body)}`);
    if (typeof vmId !== 'string') fail(`clone answered no vm_id: ${JSON.stringify(answer.body)}`);
    if (!this.wait) {
      if (this.named && answer.body.snapshot_deleted !== false) fail(`a named snapshot is reported deleted: ${JSON.stringify(answer.body)}`);
      const polled = await real.client.waitForVm(vmId);
      if (polled.body?.status !== 'running') fail(`the clone ${vmId} ended as ${polled.status} ${JSON.stringify(polled.body)}`);
    }
    const snapshot = await real.client.call('GET', `/v1/snapshots/${snapshotId}`);
    if (snapshot.status !== (this.named ? 200 : 404)) fail(`the clone's ${this.named ? 'named' : 'generated'} snapshot ${snapshotId} answered ${snapshot.status}`);
    await expectSession(real, sessionId, 'active');
    model.vms.push({ vmId, sessionId });
    if (this.named) model.snapshots.push(snapshotId);
  }
  toString = () => `clone(#${this.selector}, ${this.wait ? 'wait' : 'poll'}, ${this.named ? 'named' : 'generated'})`;
}

export class DeleteCommand implements Command {
  constructor(readonly selector: number) {}
  check = (model: Readonly<SandboxModel>) => model.vms.length > 0;
  async run(model: SandboxModel, real: SandboxReal): Promise<void> {
    const vm = pick(model.vms, this.selector)!;
    const answer = await real.client.call('DELETE', `/v1/vms/${vm.vmId}`);
    if (answer.status !== 200) fail(`delete ${vm.vmId} answered ${answer.status} ${JSON.stringify(answer.body)}`);
    await expectGone(real, vm, 'deleted');
    model.vms = model.vms.filter((other) => other !== vm);
  }
  toString = () => `delete(#${this.selector})`;
}

export class ExpiryCommand implements Command {
  check = (model: Readonly<SandboxModel>) => model.vms.length < MAX_MODEL_VMS;
  async run(_model: SandboxModel, real: SandboxReal): Promise<void> {
    const answer = await real.client.call('POST', '/v1/vms?wait=true', { memory_mb: 128, vm_lifetime_seconds: 2 });
    if (answer.status !== 200 || answer.body.status !== 'running') fail(`create with a lifetime answered ${answer.status} ${JSON.stringify(answer.body)}`);
    await real.client.elapse(3);
    await expectGone(real, { vmId: answer.body.vm_id, sessionId: answer.body.session_id }, 'expired');
  }
  toString = () => 'expiry()';
}

export class ListCommand implements Command {
  check = () => true;
  async run(model: SandboxModel, real: SandboxReal): Promise<void> {
    const vms = await real.client.call('GET', '/v1/vms');
    const listed = new Set(((vms.body as Array<{ vm_id: string }>) ?? []).map((vm) => vm.vm_id));
    const missing = model.vms.filter((vm) => !listed.has(vm.vmId)).map((vm) => vm.vmId);
    if (vms.status !== 200 || missing.length > 0) fail(`the VM list (${vms.status}) leaves out ${missing.join(', ')}`);
    const snapshots = await real.client.call('GET', '/v1/snapshots');
    const ids = new Set(((snapshots.body as Array<{ snapshot_id: string }>) ?? []).map((s) => s.snapshot_id));
    const lost = model.snapshots.filter((id) => !ids.has(id));
    if (snapshots.status !== 200 || lost.length > 0) fail(`the snapshot list (${snapshots.status}) leaves out ${lost.join(', ')}`);
  }
  toString = () => 'list()';
}

export function workflowCommands(): Array<fc.Arbitrary<Command>> {
  return [
    fc.constantFrom(128, 256, 512, 1024).map((memory) => new CreateCommand(memory)),
    fc.nat(20).map((selector) => new SnapshotCommand(selector)),
    fc.tuple(fc.nat(20), fc.boolean(), fc.boolean()).map(([selector, wait, named]) => new CloneCommand(selector, wait, named)),
    fc.nat(20).map((selector) => new DeleteCommand(selector)),
    fc.constant(new ExpiryCommand()),
    fc.constant(new ListCommand()),
  ];
}

export function emptyModel(): SandboxModel {
  return { vms: [], snapshots: [] };
}

export const vmSandboxWorkflow: WorkflowDefinition<SandboxModel, SandboxReal> = {
  description: 'Sandbox lifecycle: create, snapshot, clone (waiting or polling; named or generated snapshot), delete, expiry, list',
  commands: workflowCommands,
  initialModel: emptyModel,
  connect: (target) => ({
    client: sandboxClient({ baseUrl: target.baseUrl, send: target.send, session: target.session, pollMs: target.pollMs }),
    namePrefix: target.namePrefix,
  }),
  async cleanup(model, real) {
    for (const vm of model.vms) await real.client.call('DELETE', `/v1/vms/${vm.vmId}`);
    for (const snapshotId of model.snapshots) await real.client.call('DELETE', `/v1/snapshots/${snapshotId}`);
  },
};
