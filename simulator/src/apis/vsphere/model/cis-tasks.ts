// CIS tasks: the shared task engine's rows seen in vCenter's vocabulary (TaskInfo), listed with a
// FilterSpec, and cancelled.
import type { Task } from '../../../core/tasks.js';
import { errorFromText, notFound, type VapiError, VsphereError } from '../errors.js';
import { type Caller, hasPrivilege } from './access.js';
import { CLONE_SERVICE, type ClonePayload } from './clone.js';
import type { VsphereModel } from './index.js';

export type TaskStatus = 'PENDING' | 'RUNNING' | 'BLOCKED' | 'SUCCEEDED' | 'FAILED';

export interface TaskFilter {
  tasks?: string[];
  services?: string[];
  operations?: string[];
  status?: TaskStatus[];
  targets?: Array<{ type: string; id: string }>;
  users?: string[];
}

export const MAX_LISTED_TASKS = 1000;

export function statusOf(task: Task): TaskStatus {
  if (task.state === 'queued') return 'PENDING';
  if (task.state === 'running') return 'RUNNING';
  return task.state === 'succeeded' ? 'SUCCEEDED' : 'FAILED';
}

export function taskError(task: Task): VapiError | undefined {
  if (task.state === 'cancelled')
    return { error_type: 'CANCELED', messages: [{ id: 'com.vmware.vapi.std.errors.canceled', default_message: task.error ?? 'The task was canceled.', args: [] }] };
  if (task.state === 'failed') return errorFromText(task.error ?? 'The task failed.').toValue();
  return undefined;
}

export function taskInfo(model: VsphereModel, task: Task) {
  const payload = task.payload as ClonePayload;
  const status = statusOf(task);
  const progress = model.ctx.tasks.progress(task);
  const running = status === 'RUNNING' || status === 'PENDING';
  const error = taskError(task);
  return {
    description: { id: 'com.vmware.vcenter.vm.clone', default_message: `Clone virtual machine ${payload.source}`, args: [payload.source] },
    service: CLONE_SERVICE,
    operation: task.type,
    status,
    cancelable: running,
    progress: {
      total: 100,
      completed: Math.floor(progress * 100),
      message: { id: 'com.vmware.vcenter.vm.clone.progress', default_message: running ? 'Copying virtual disks' : 'Done', args: [] },
    },
    ...(status === 'SUCCEEDED' ? { result: task.result } : {}),
    ...(error ? { error } : {}),
    start_time: new Date(task.startedAt ?? task.createdAt).toISOString(),
    ...(task.finishedAt !== null ? { end_time: new Date(task.finishedAt).toISOString() } : {}),
    user: task.owner ?? '',
    target: { type: 'VirtualMachine', id: payload.source },
  };
}

/** The task, if the caller may see it: its own, or any task when the caller holds System.Read. */
export function requireTask(model: VsphereModel, id: string, caller: Caller): Task {
  const task = model.ctx.tasks.get(id);
  if (!task || task.api !== 'vsphere' || !visible(task, caller)) throw notFound('Task', id);
  return task;
}

function visible(task: Task, caller: Caller): boolean {
  return task.owner === caller.user || hasPrivilege(caller, 'System.Read');
}

export function listTasks(model: VsphereModel, filter: TaskFilter, caller: Caller): Record<string, ReturnType<typeof taskInfo>> {
  const wanted = (values: string[] | undefined, value: string) => values === undefined || values.length === 0 || values.includes(value);
  const targets = filter.targets ?? [];
  const selected = model.ctx.tasks
    .list({ api: 'vsphere' })
    .filter(
      (task) =>
        visible(task, caller) &&
        wanted(filter.tasks, task.id) &&
        wanted(filter.services, CLONE_SERVICE) &&
        wanted(filter.operations, task.type) &&
        wanted(filter.status, statusOf(task)) &&
        wanted(filter.users, task.owner ?? '') &&
        (targets.length === 0 || targets.some((t) => t.type === 'VirtualMachine' && t.id === task.target)),
    )
    .slice(-MAX_LISTED_TASKS);
  return Object.fromEntries(selected.map((task) => [task.id, taskInfo(model, task)]));
}

export function cancelTask(model: VsphereModel, id: string, caller: Caller): void {
  const task = requireTask(model, id, caller);
  if (task.owner !== caller.user && !hasPrivilege(caller, 'Task.Update'))
    throw new VsphereError('UNAUTHORIZED', 'vapi.security.authorization.invalid', `Permission to perform this operation was denied: Task.Update is required on task ${id}.`, ['Task.Update', id]);
  if (task.state !== 'running' && task.state !== 'queued')
    throw new VsphereError('NOT_ALLOWED_IN_CURRENT_STATE', 'com.vmware.vapi.std.errors.not_allowed_in_current_state', `Task '${id}' has already completed and cannot be canceled.`, [id]);
  model.ctx.tasks.cancel(id, 'The task was canceled by the user.');
}
