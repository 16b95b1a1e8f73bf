// The Veeam EM job lifecycle as a fast-check model: logon, clone of each job type (in XML or JSON), start,
// the session's task list, task deletion and logoff, each checked against what the model says must hold.
// It runs against the simulator in tests and against a real Enterprise Manager the same way (it clones
// jobs named with its prefix; EM's REST API cannot delete jobs, so those clones stay).
// Invariants: a clone task ends with Result Success and a Related link to a job of the source's type and
// the requested name; a clone to a name this run already used fails its task with "already exists";
// a start task ends Ok with a Related backup job session of that job (or says the job is already running,
// only for a job this run started); GET /tasks lists exactly the session's undeleted tasks, all Finished;
// a deleted task reads 404; after logoff the session's token is refused with 401.
import fc from 'fast-check';
import type { WorkflowDefinition } from '../workflow.js';
import { VeeamClient } from './client.js';

export const CLONE_TYPES = ['Backup', 'Replica', 'BackupCopy', 'ImmediateBackupCopy'] as const;
export type CloneType = (typeof CLONE_TYPES)[number];

export interface VeeamModel {
  loggedOn: boolean;
  /** jobs this run cloned: name and type */
  jobs: Array<{ name: string; type: CloneType; started: boolean }>;
  /** task ids of the current logon session that were not deleted */
  tasks: string[];
  /** how many names the run has drawn (names stay unique unless a command reuses one on purpose) */
  names: number;
}

export interface VeeamReal {
  client: VeeamClient;
  namePrefix: string;
  /** USER:PASSWORD; without them the run stays in the harness's session and logon/logoff change nothing */
  credentials: string | undefined;
}

type Command = fc.AsyncCommand<VeeamModel, VeeamReal>;

function fail(message: string): never {
  throw new Error(message);
}

/** Links as a list whichever representation they came in (JSON array, or XML <Links><Link/>...). */
function linksOf(resource: any): any[] {
  const links = resource?.Links;
  if (Array.isArray(links)) return links;
  const inner = links?.Link;
  return inner === undefined ? [] : Array.isArray(inner) ? inner : [inner];
}

function succeeded(task: any): boolean {
  return task?.Result?.Success === true || task?.Result?.Success === 'true';
}

const INFO: Record<CloneType, string> = {
  Backup: 'BackupJobCloneInfo',
  Replica: 'ReplicaJobCloneInfo',
  BackupCopy: 'BackupCopyJobCloneInfo',
  ImmediateBackupCopy: 'ImmediateBackupCopyJobCloneInfo',
};

/** The source job of that type, and the repository it writes to. */
async function sourceJob(real: VeeamReal, type: CloneType): Promise<{ id: string; repositoryUid: string | undefined }> {
  const jobs = await real.client.call('GET', '/jobs?format=Entity');
  if (jobs.status !== 200) fail(`list jobs answered ${jobs.status}`);
  const job = (jobs.body.Jobs as any[]).find((j) => j.JobType === type && !String(j.Name).startsWith(real.namePrefix)) ?? fail(`the target has no ${type} job to clone`);
  const repository = linksOf(job).find((l) => l.Type === 'RepositoryReference');
  return { id: String(job.UID).split(':').pop()!, repositoryUid: repository ? `urn:veeam:Repository:${String(repository.Href).split('/').pop()}` : undefined };
}

function cloneInfo(type: CloneType, name: string, repositoryUid: string | undefined): Record<string, string> {
  if (type === 'Replica') return { JobName: name, VmSuffix: '_wf', Description: 'hypersim workflow clone' };
  const repository = repositoryUid ?? fail(`a ${type} clone needs the source job's repository`);
  if (type === 'Backup') return { JobName: name, FolderName: name, RepositoryUid: repository, Description: 'hypersim workflow clone' };
  return { JobName: name, JobFileName: name, RepositoryUid: repository };
}

export class LogonCommand implements Command {
  check = (model: Readonly<VeeamModel>) => !model.loggedOn;
  async run(model: VeeamModel, real: VeeamReal): Promise<void> {
    if (real.credentials !== undefined) {
      const answer = await real.client.logon(real.credentials);
      if (answer.status !== 201 || !real.client.token) fail(`logon answered ${answer.status} without a session token`);
      const me = await real.client.call('GET', `/logonSessions/${answer.body.SessionId}`, { xml: true });
      if (me.status !== 200 || me.body.SessionId !== answer.body.SessionId) fail(`the new logon session reads ${me.status}`);
    }
    model.loggedOn = true;
    model.tasks = [];
  }
  toString = () => 'logon';
}

export class CloneCommand implements Command {
  constructor(
    readonly type: CloneType,
    readonly xml: boolean,
    /** clone to the name of a job this run already made (selector into model.jobs), or undefined for a new one */
    readonly reuse: number | undefined,
  ) {}
  check = (model: Readonly<VeeamModel>) => model.loggedOn;
  async run(model: VeeamModel, real: VeeamReal): Promise<void> {
    const taken = this.reuse !== undefined && model.jobs.length > 0 ? model.jobs[this.reuse % model.jobs.length]! : undefined;
    const name = taken?.name ?? `${real.namePrefix}${this.type}-${model.names++}`;
    const source = await sourceJob(real, this.type);
    const answer = await real.client.call('POST', `/jobs/${source.id}?action=clone`, { xml: this.xml, body: { [INFO[this.type]]: cloneInfo(this.type, name, source.repositoryUid) } });
    if (answer.status !== 202 || answer.body?.Operation !== 'CloneJob') fail(`clone ${name} answered ${answer.status} ${JSON.stringify(answer.body)}`);
    model.tasks.push(answer.body.TaskId);
    const task = await real.client.waitForTask(answer.body.TaskId);
    if (taken) {
      if (succeeded(task) || !/already exists/.test(task.Result?.Message)) fail(`a clone to the taken name ${name} ended ${JSON.stringify(task.Result)}`);
      return;
    }
    if (!succeeded(task) || task.Result.Message !== 'Ok') fail(`clone ${name} ended ${JSON.stringify(task.Result)}`);
    const related = linksOf(task).find((l) => l.Rel === 'Related') ?? fail(`clone ${name}: no Related link`);
    if (related.Name !== name) fail(`clone ${name}: the Related link names ${related.Name}`);
    const job = await real.client.call('GET', `${String(related.Href).slice(String(related.Href).indexOf('/jobs/'))}`);
    if (job.status !== 200 || job.body.Name !== name || job.body.JobType !== this.type) fail(`the clone ${name} reads ${job.status} ${job.body?.Name} ${job.body?.JobType}`);
    model.jobs.push({ name, type: this.type, started: false });
  }
  toString = () => `clone ${this.type} (${this.xml ? 'xml' : 'json'}${this.reuse === undefined ? '' : `, reusing name #${this.reuse}`})`;
}

export class StartCommand implements Command {
  constructor(readonly selector: number) {}
  check = (model: Readonly<VeeamModel>) => model.loggedOn && model.jobs.length > 0;
  async run(model: VeeamModel, real: VeeamReal): Promise<void> {
    const job = model.jobs[this.selector % model.jobs.length]!;
    const refs = await real.client.call('GET', '/jobs');
    const ref = (refs.body.Refs as any[]).find((r) => r.Name === job.name) ?? fail(`job ${job.name} is not listed`);
    const answer = await real.client.call('POST', `/jobs/${String(ref.UID).split(':').pop()}?action=start`, { xml: true });
    if (answer.status !== 202 || answer.body?.Operation !== 'StartJob') fail(`start ${job.name} answered ${answer.status}`);
    model.tasks.push(answer.body.TaskId);
    const task = await real.client.waitForTask(answer.body.TaskId);
    if (!succeeded(task)) {
      if (job.started && /already running/.test(task.Result?.Message)) return;
      fail(`start ${job.name} ended ${JSON.stringify(task.Result)}`);
    }
    const related = linksOf(task).find((l) => l.Rel === 'Related' && l.Type === 'BackupJobSession') ?? fail(`start ${job.name}: no Related backup job session`);
    const session = await real.client.call('GET', `${String(related.Href).slice(String(related.Href).indexOf('/backupSessions/'))}?format=Entity`);
    if (session.status !== 200 || session.body.JobName !== job.name) fail(`the session of ${job.name} reads ${session.status} ${session.body?.JobName}`);
    job.started = true;
  }
  toString = () => `start #${this.selector}`;
}

export class ListTasksCommand implements Command {
  constructor(readonly xml: boolean) {}
  check = (model: Readonly<VeeamModel>) => model.loggedOn;
  async run(model: VeeamModel, real: VeeamReal): Promise<void> {
    const answer = await real.client.call('GET', '/tasks', { xml: this.xml });
    if (answer.status !== 200) fail(`list tasks answered ${answer.status}`);
    const raw = this.xml ? answer.body?.Task : answer.body?.Tasks;
    const tasks: any[] = raw === undefined ? [] : Array.isArray(raw) ? raw : [raw];
    const ids = tasks.map((t) => t.TaskId);
    // against the harness's session (no credentials) other tasks may be listed too
    const expected = real.credentials === undefined ? model.tasks.filter((id) => ids.includes(id)) : ids;
    if (JSON.stringify(expected) !== JSON.stringify(model.tasks)) fail(`tasks listed ${JSON.stringify(ids)}, the model holds ${JSON.stringify(model.tasks)}`);
    const running = tasks.filter((t) => model.tasks.includes(t.TaskId) && t.State !== 'Finished');
    if (running.length > 0) fail(`awaited tasks still ${running.map((t) => `${t.TaskId} ${t.State}`).join(', ')}`);
  }
  toString = () => `list tasks (${this.xml ? 'xml' : 'json'})`;
}

export class DeleteTaskCommand implements Command {
  constructor(readonly selector: number) {}
  check = (model: Readonly<VeeamModel>) => model.loggedOn && model.tasks.length > 0;
  async run(model: VeeamModel, real: VeeamReal): Promise<void> {
    const id = model.tasks[this.selector % model.tasks.length]!;
    const answer = await real.client.call('DELETE', `/tasks/${id}`);
    if (answer.status !== 204) fail(`delete ${id} answered ${answer.status}`);
    const after = await real.client.call('GET', `/tasks/${id}`);
    if (after.status !== 404) fail(`${id} still reads ${after.status} after its delete`);
    model.tasks = model.tasks.filter((task) => task !== id);
  }
  toString = () => `delete task #${this.selector}`;
}

export class LogoffCommand implements Command {
  check = (model: Readonly<VeeamModel>) => model.loggedOn;
  async run(model: VeeamModel, real: VeeamReal): Promise<void> {
    if (real.client.token !== undefined) {
      const sessionId = Buffer.from(real.client.token, 'base64').toString('utf8');
      const answer = await real.client.call('DELETE', `/logonSessions/${sessionId}`);
      if (answer.status !== 204) fail(`logoff answered ${answer.status}`);
      const after = await real.client.call('GET', '/tasks');
      if (after.status !== 401) fail(`the closed session still answers ${after.status}`);
      real.client.token = undefined;
    }
    model.loggedOn = false;
    model.tasks = [];
  }
  toString = () => 'logoff';
}

export function workflowCommands(): Array<fc.Arbitrary<Command>> {
  return [
    fc.constant(new LogonCommand()),
    fc.tuple(fc.constantFrom(...CLONE_TYPES), fc.boolean(), fc.option(fc.nat(9), { freq: 5, nil: undefined })).map(([type, xml, reuse]) => new CloneCommand(type, xml, reuse)),
    fc.nat(9).map((n) => new StartCommand(n)),
    fc.boolean().map((xml) => new ListTasksCommand(xml)),
    fc.nat(9).map((n) => new DeleteTaskCommand(n)),
    fc.constant(new LogoffCommand()),
  ];
}

export function emptyModel(): VeeamModel {
  return { loggedOn: false, jobs: [], tasks: [], names: 0 };
}

export const veeamWorkflow: WorkflowDefinition<VeeamModel, VeeamReal> = {
  description: 'Veeam EM jobs: logon, clone of each job type (XML and JSON), start, tasks, task deletion, logoff',
  commands: workflowCommands,
  initialModel: emptyModel,
  connect: (target) => ({
    client: new VeeamClient({ baseUrl: target.baseUrl, send: target.send, session: target.session, pollMs: target.pollMs }),
    namePrefix: target.namePrefix,
    credentials: target.credentials,
  }),
};
