// The management layer as a fast-check model: login, template clone, createFromBoxTemplate (one at a
// time and racing each other for the last of a plan), delete, and the plan accounting that must hold
// after each of them. It runs against the simulator in tests and against a live service the same way:
// what the caller's plan allows is read from the service (getUserCRP) the first time a command runs.
// Invariants: a request is accepted exactly when it fits the plan per VM and in what is left of it; of
// concurrent identical requests exactly as many are accepted as fit; accepted VMs end ready and listed;
// usage is the baseline plus the VMs of the run; deleted VMs disappear and give their usage back;
// the caller sees every task it started; only a SuperAdmin clones templates.
import fc from 'fast-check';
import type { WorkflowDefinition } from '../workflow.js';
import { type ManagerClient, managerClient } from './client.js';

interface Limits {
  max_cpu_cores_per_vm: number;
  max_memory_per_vm: number;
  max_storage_per_vm: number;
  max_cpu_cores_sum: number;
  max_memory_sum: number;
  max_storage_sum: number;
  max_vms: number;
}

interface Usage {
  used_cpu_cores: number;
  used_memory: number;
  used_storage: number;
  used_vms: number;
}

export interface WorkflowVm {
  id: string;
  cores: number;
  memory: number;
  disk: number;
}

export interface ManagerWorkflowModel {
  /** what the service told about the caller, read once */
  known?: { limits: Limits | null; baseline: Usage; boxId: string | null; templateId: string | null; superAdmin: boolean };
  vms: WorkflowVm[];
  tasks: string[];
  counter: number;
}

export interface ManagerWorkflowReal {
  client: ManagerClient;
  namePrefix: string;
}

type Command = fc.AsyncCommand<ManagerWorkflowModel, ManagerWorkflowReal>;
type Request = { cores: number; memory: number; disk: number };

export const CREATED = 'VM created and configured successfully';
export const PER_VM = 'Requested resources exceed the per VM limits of your compute resource plan';
export const AVAILABLE = 'Requested resources exceed the available limits of your compute resource plan';
export const PLAN_NOT_FOUND = 'Compute resource plan not found';
/** the smallest disk every Box template of the default scenario fits on (PVE cannot shrink disks) */
const MIN_DISK_GB = 32;

function fail(message: string): never {
  throw new Error(message);
}

async function know(model: ManagerWorkflowModel, real: ManagerWorkflowReal): Promise<NonNullable<ManagerWorkflowModel['known']>> {
  if (model.known) return model.known;
  const crp = await real.client.call('GET', '/user/getUserCRP');
  if (crp.status !== 200 && crp.status !== 404) fail(`getUserCRP answered ${crp.status} ${crp.message}`);
  const usable = new Set(((await real.client.call('GET', '/template/getAccessable')).data as Array<{ _id: string }>).map((t) => t._id));
  const box = ((await real.client.call('GET', '/vmbox/public')).data as Array<{ _id: string; template_id: string }>).find((b) => usable.has(b.template_id));
  const superAdmin = (await real.client.call('GET', '/superadmin/crp/getAll')).status === 200;
  const zero = { used_cpu_cores: 0, used_memory: 0, used_storage: 0, used_vms: 0 };
  model.known = {
    limits: crp.status === 200 ? (crp.data.crp as Limits) : null,
    baseline: crp.status === 200 ? (crp.data.usage as Usage) : zero,
    boxId: box?._id ?? null,
    templateId: box?.template_id ?? null,
    superAdmin,
  };
  return model.known;
}

function used(model: ManagerWorkflowModel): Usage {
  const b = model.known!.baseline;
  const sum = (f: (vm: WorkflowVm) => number) => model.vms.reduce((total, vm) => total + f(vm), 0);
  return { used_cpu_cores: b.used_cpu_cores + sum((v) => v.cores), used_memory: b.used_memory + sum((v) => v.memory), used_storage: b.used_storage + sum((v) => v.disk), used_vms: b.used_vms + model.vms.length };
}

/** How many of `count` identical requests the plan takes, or why it takes none. */
function fits(model: ManagerWorkflowModel, request: Request, count: number): { accepted: number; refusal: string } {
  const limits = model.known!.limits;
  if (!limits) return { accepted: 0, refusal: PLAN_NOT_FOUND };
  if (request.cores > limits.max_cpu_cores_per_vm || request.memory > limits.max_memory_per_vm || request.disk > limits.max_storage_per_vm) return { accepted: 0, refusal: PER_VM };
  const u = used(model);
  const room = Math.min(
    Math.floor((limits.max_cpu_cores_sum - u.used_cpu_cores) / request.cores),
    Math.floor((limits.max_memory_sum - u.used_memory) / request.memory),
    Math.floor((limits.max_storage_sum - u.used_storage) / request.disk),
    limits.max_vms - u.used_vms,
  );
  return { accepted: Math.max(0, Math.min(count, room)), refusal: AVAILABLE };
}

async function create(model: ManagerWorkflowModel, real: ManagerWorkflowReal, request: Request) {
  model.counter += 1;
  const name = `${real.namePrefix}${model.counter}`;
  const body = { box_id: model.known!.boxId, name, target: 'pve1', cpuCores: request.cores, memorySize: request.memory, diskSize: request.disk };
  return { name, answer: await real.client.call('POST', '/vm/manage/createFromBoxTemplate', body) };
}

/** Follows an accepted creation to its end and records the VM. */
async function settle(model: ManagerWorkflowModel, real: ManagerWorkflowReal, request: Request, name: string, taskId: string): Promise<void> {
  model.tasks.push(taskId);
  const end = await real.client.waitForTask(taskId);
  if (end.status !== 'completed' || end.message !== CREATED) fail(`creating ${name} ended ${end.status}: ${end.message} (${end.error_message})`);
  const vms = (await real.client.call('GET', '/vm/getUserOwned')).data as Array<{ _id: string; name: string; status: string }>;
  const vm = vms.find((v) => v.name === name) ?? fail(`${name} is not among the caller's VMs after its task completed`);
  if (vm.status !== 'ready') fail(`${name} is ${vm.status} after its task completed`);
  model.vms.push({ id: vm._id, ...request });
}

async function expectUsage(model: ManagerWorkflowModel, real: ManagerWorkflowReal, what: string): Promise<void> {
  if (!model.known!.limits) return;
  const actual = (await real.client.call('GET', '/user/getUserCRP')).data.usage as Usage;
  const expected = used(model);
  if (JSON.stringify(actual) !== JSON.stringify(expected)) fail(`after ${what} the plan usage is ${JSON.stringify(actual)}, expected ${JSON.stringify(expected)}`);
}

export class LoginCommand implements Command {
  check = () => true;
  async run(_model: ManagerWorkflowModel, real: ManagerWorkflowReal): Promise<void> {
    const bad = await real.client.call('POST', '/auth/login', { email: `${real.namePrefix}nobody@invalid.example`, password: 'wrong' }, false);
    if (bad.status !== 401) fail(`a login with unknown credentials answered ${bad.status}, expected 401`);
    const anonymous = await real.client.call('GET', '/vm/getUserOwned', undefined, false);
    if (anonymous.status !== 401) fail(`a call without a token answered ${anonymous.status}, expected 401`);
    const mine = await real.client.call('GET', '/vm/getUserOwned');
    if (mine.status !== 200) fail(`a call with the session's token answered ${mine.status} ${mine.message}`);
  }
  toString = () => 'login()';
}

export class CreateCommand implements Command {
  constructor(readonly request: Request) {}
  check = () => true;
  async run(model: ManagerWorkflowModel, real: ManagerWorkflowReal): Promise<void> {
    if (!(await know(model, real)).boxId) return;
    const { accepted, refusal } = fits(model, this.request, 1);
    const { name, answer } = await create(model, real, this.request);
    if (accepted === 0) {
      if (answer.status < 400 || answer.message !== refusal) fail(`create ${JSON.stringify(this.request)} answered ${answer.status} ${answer.message}, expected "${refusal}"`);
      return;
    }
    if (answer.status !== 200) fail(`create ${JSON.stringify(this.request)} answered ${answer.status} ${answer.message}, expected 200`);
    await settle(model, real, this.request, name, answer.data.task_id);
    await expectUsage(model, real, `creating ${name}`);
  }
  toString = () => `create(${this.request.cores} cores, ${this.request.memory} MB, ${this.request.disk} GB)`;
}

/** `count` identical requests at once, each as large as the plan allows per VM: exactly as many as fit are accepted. */
export class RaceCommand implements Command {
  constructor(readonly count: number) {}
  check = () => true;
  async run(model: ManagerWorkflowModel, real: ManagerWorkflowReal): Promise<void> {
    const known = await know(model, real);
    if (!known.boxId || !known.limits) return;
    const l = known.limits;
    const request = { cores: Math.max(1, l.max_cpu_cores_per_vm), memory: Math.max(16, Math.min(1024, l.max_memory_per_vm)), disk: MIN_DISK_GB };
    const { accepted, refusal } = fits(model, request, this.count);
    const attempts = await Promise.all(Array.from({ length: this.count }, () => create(model, real, request)));
    const winners = attempts.filter((a) => a.answer.status === 200);
    const losers = attempts.filter((a) => a.answer.status !== 200);
    if (winners.length !== accepted) fail(`${this.count} racing creates: ${winners.length} accepted, expected ${accepted}`);
    const wrong = losers.find((a) => a.answer.status !== 400 || a.answer.message !== refusal);
    if (wrong) fail(`a racing create that lost answered ${wrong.answer.status} ${wrong.answer.message}, expected "${refusal}"`);
    for (const w of winners) await settle(model, real, request, w.name, w.answer.data.task_id);
    await expectUsage(model, real, `${this.count} racing creates`);
  }
  toString = () => `race(${this.count})`;
}

export class DeleteCommand implements Command {
  constructor(readonly selector: number) {}
  check = (model: Readonly<ManagerWorkflowModel>) => model.vms.length > 0;
  async run(model: ManagerWorkflowModel, real: ManagerWorkflowReal): Promise<void> {
    const vm = model.vms[this.selector % model.vms.length]!;
    const answer = await real.client.call('DELETE', '/vm/manage/delete', { vm_id: vm.id });
    if (answer.status !== 200) fail(`delete ${vm.id} answered ${answer.status} ${answer.message}`);
    model.tasks.push(answer.data.task_id);
    const end = await real.client.waitForTask(answer.data.task_id);
    if (end.status !== 'completed') fail(`deleting ${vm.id} ended ${end.status}: ${end.message} (${end.error_message})`);
    model.vms = model.vms.filter((other) => other !== vm);
    const listed = ((await real.client.call('GET', '/vm/getUserOwned')).data as Array<{ _id: string }>).map((v) => v._id);
    if (listed.includes(vm.id)) fail(`${vm.id} is still listed after its delete task completed`);
    await expectUsage(model, real, `deleting ${vm.id}`);
  }
  toString = () => `delete(#${this.selector})`;
}

export class CloneTemplateCommand implements Command {
  check = () => true;
  async run(model: ManagerWorkflowModel, real: ManagerWorkflowReal): Promise<void> {
    const known = await know(model, real);
    if (!known.templateId) return;
    model.counter += 1;
    const name = `${real.namePrefix}tpl-${model.counter}`;
    const answer = await real.client.call('POST', '/template/manage/clone', { template_id: known.templateId, new_template_name: name, description: 'hypersim workflow' });
    if (!known.superAdmin) {
      if (answer.status !== 403) fail(`a template clone by a caller who is not SuperAdmin answered ${answer.status}, expected 403`);
      return;
    }
    if (answer.status !== 200) fail(`template clone answered ${answer.status} ${answer.message}`);
    model.tasks.push(answer.data.task_id);
    const end = await real.client.waitForTask(answer.data.task_id);
    if (end.status !== 'completed') fail(`cloning template ${name} ended ${end.status}: ${end.message} (${end.error_message})`);
    const templates = ((await real.client.call('GET', '/template/getAccessable')).data as Array<{ _id: string; name: string }>).map((t) => t._id);
    if (!templates.includes(answer.data.template_id)) fail(`the cloned template ${name} is not usable by its owner`);
  }
  toString = () => 'cloneTemplate()';
}

/** The plan usage and the caller's tasks agree with the model. */
export class AccountingCommand implements Command {
  check = () => true;
  async run(model: ManagerWorkflowModel, real: ManagerWorkflowReal): Promise<void> {
    await know(model, real);
    await expectUsage(model, real, 'the commands so far');
    const ids = model.tasks.slice(-100);
    if (ids.length === 0) return;
    const answer = await real.client.call('POST', '/pve/getMultipleTasksStatus', { task_ids: ids });
    if (answer.status !== 200 || answer.data.not_found.length > 0) fail(`the caller's own tasks are not all found: ${JSON.stringify(answer.data?.not_found ?? answer.message)}`);
  }
  toString = () => 'accounting()';
}

export function workflowCommands(): Array<fc.Arbitrary<Command>> {
  const request = fc.record({ cores: fc.integer({ min: 1, max: 10 }), memory: fc.integer({ min: 256, max: 20_000 }), disk: fc.integer({ min: MIN_DISK_GB, max: 250 }) });
  return [
    fc.constant(new LoginCommand()),
    request.map((r) => new CreateCommand(r)),
    fc.integer({ min: 2, max: 4 }).map((n) => new RaceCommand(n)),
    fc.nat(20).map((selector) => new DeleteCommand(selector)),
    fc.constant(new CloneTemplateCommand()),
    fc.constant(new AccountingCommand()),
  ];
}

export function emptyModel(): ManagerWorkflowModel {
  return { vms: [], tasks: [], counter: 0 };
}

export const pveManagerWorkflow: WorkflowDefinition<ManagerWorkflowModel, ManagerWorkflowReal> = {
  description: 'PVE management layer: login, template clone, createFromBoxTemplate (alone and racing for the last of a plan), delete, plan accounting',
  commands: workflowCommands,
  initialModel: emptyModel,
  connect: (target) => ({
    client: managerClient({ baseUrl: target.baseUrl, send: target.send, session: target.session, pollMs: target.pollMs }),
    namePrefix: target.namePrefix,
  }),
  async cleanup(model, real) {
    // templates cloned by a run cannot be removed through this API; VMs can
    for (const vm of model.vms) {
      const answer = await real.client.call('DELETE', '/vm/manage/delete', { vm_id: vm.id });
      if (answer.status === 200) await real.client.waitForTask(answer.data.task_id);
    }
  },
};
