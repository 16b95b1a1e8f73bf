// The service's task records, kept as open tasks of the shared engine (core/tasks.ts), so the control
// plane and the dashboard list them with every other API's tasks. One per long operation, with the steps
// it runs against PVE (each with the PVE UPID it started, its status, times and error) in the payload.
// Flows in ../flows move them forward; the engine's advance passes call them (../runner.ts).
import type { Task, TaskEngine } from '../../../core/tasks.js';

export const MANAGER_API = 'pve-manager';

export type TaskStatus = 'pending' | 'in_progress' | 'completed' | 'failed' | 'cancelled';
export type TaskType = 'create_vm' | 'clone_template' | 'delete_vm';
export type StepStatus = 'pending' | 'in_progress' | 'completed' | 'failed' | 'skipped';

export interface Step {
  step_name: string;
  pve_upid: string | null;
  step_status: StepStatus;
  step_message: string;
  step_start_time: number | null;
  step_end_time: number | null;
  error_message: string | null;
}

export interface ManagerTask<C = Record<string, unknown>> {
  id: string;
  seq: number;
  owner: string;
  type: TaskType;
  status: TaskStatus;
  message: string;
  error: string | null;
  createdAt: number;
  updatedAt: number;
  completedAt: number | null;
  steps: Step[];
  /** what the flow needs to go on (ids on both sides, the cleanup task, ...) */
  context: C;
}

/** What the engine row's payload holds; the rest lives in the row's own columns. */
export interface ManagerPayload<C = Record<string, unknown>> {
  /** while the engine task runs: pending until the first step starts */
  status: 'pending' | 'in_progress';
  message: string;
  error: string | null;
  updatedAt: number;
  steps: Step[];
  context: C;
}

export function newStep(name: string): Step {
  return { step_name: name, pve_upid: null, step_status: 'pending', step_message: 'Waiting', step_start_time: null, step_end_time: null, error_message: null };
}

export function stepsDone(steps: readonly Step[]): number {
  return steps.filter((s) => s.step_status === 'completed' || s.step_status === 'skipped').length;
}

const ENDED: Record<string, TaskStatus> = { succeeded: 'completed', failed: 'failed', cancelled: 'cancelled' };

export function fromEngine<C>(task: Task<ManagerPayload<C>>): ManagerTask<C> {
  const p = task.payload;
  return {
    id: task.id, seq: task.seq, owner: task.owner ?? '', type: task.type as TaskType,
    status: ENDED[task.state] ?? p.status, message: p.message, error: p.error,
    createdAt: task.createdAt, updatedAt: p.updatedAt, completedAt: task.finishedAt, steps: p.steps, context: p.context,
  };
}

function payloadOf<C>(task: Omit<ManagerTask<C>, 'seq'>): ManagerPayload<C> {
  const status = task.status === 'in_progress' ? 'in_progress' : 'pending';
  return { status, message: task.message, error: task.error, updatedAt: task.updatedAt, steps: task.steps, context: task.context };
}

/** The headline of the engine row: what the VM or template is called, and where. */
function targetOf(context: unknown): { target?: string; node?: string } {
  const c = context as { vmName?: unknown; name?: unknown; node?: unknown };
  const name = c.vmName ?? c.name;
  return { ...(typeof name === 'string' ? { target: name } : {}), ...(typeof c.node === 'string' ? { node: c.node } : {}) };
}

export class ManagerTasks {
  constructor(private readonly engine: TaskEngine) {}

  /** A task id that is not taken yet: the wanted one, or the same with the time moved on by a millisecond. */
  freeId(make: (ms: number) => string, ms: number): string {
    let at = ms;
    while (this.engine.get(make(at))) at += 1;
    return make(at);
  }

  insert<C>(task: Omit<ManagerTask<C>, 'seq'>): ManagerTask<C> {
    const created = this.engine.create<ManagerPayload<C>>({
      id: task.id, api: MANAGER_API, type: task.type, owner: task.owner, ...targetOf(task.context),
      payload: payloadOf(task), durationMs: 0, open: true,
    });
    return fromEngine(created);
  }

  /** Records the task's progress; a task that has reached its end ends on the engine too. */
  save(task: ManagerTask<unknown>): void {
    const payload = payloadOf(task);
    if (task.status === 'completed') this.engine.complete(task.id, task.message, payload);
    else if (task.status === 'failed') this.engine.fail(task.id, task.error ? `${task.message}: ${task.error}` : task.message, payload);
    else this.engine.update(task.id, payload);
  }

  get<C = Record<string, unknown>>(id: string): ManagerTask<C> | undefined {
    const task = this.engine.get<ManagerPayload<C>>(id);
    return task?.api === MANAGER_API ? fromEngine(task) : undefined;
  }

  ownedBy(owner: string): ManagerTask[] {
    return this.mine({ owner }).reverse();
  }

  latestOf(owner: string): ManagerTask | undefined {
    return this.ownedBy(owner)[0];
  }

  all(): ManagerTask[] {
    return this.mine({});
  }

  private mine(filter: { owner?: string }): ManagerTask[] {
    return this.engine.list({ api: MANAGER_API, ...filter }).map((t) => fromEngine(t as Task<ManagerPayload>));
  }
}
