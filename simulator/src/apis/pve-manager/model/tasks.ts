// The service's own task records: one per long operation, with the steps it runs against PVE (each with
// the PVE UPID it started, its status, times and error). Flows in ../flows move them forward.
import type { Store } from '../../../core/store.js';

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

interface TaskRow {
  id: string;
  seq: number;
  owner: string;
  type: TaskType;
  status: TaskStatus;
  message: string;
  error: string | null;
  created_at: number;
  updated_at: number;
  completed_at: number | null;
  detail: string;
}

function fromRow<C>(r: TaskRow): ManagerTask<C> {
  const detail = JSON.parse(r.detail) as { steps: Step[]; context: C };
  return {
    id: r.id, seq: r.seq, owner: r.owner, type: r.type, status: r.status, message: r.message, error: r.error,
    createdAt: r.created_at, updatedAt: r.updated_at, completedAt: r.completed_at, steps: detail.steps, context: detail.context,
  };
}

export function newStep(name: string): Step {
  return { step_name: name, pve_upid: null, step_status: 'pending', step_message: 'Waiting', step_start_time: null, step_end_time: null, error_message: null };
}

export class ManagerTasks {
  constructor(private readonly store: Store) {}

  /** A task id that is not taken yet: the wanted one, or the same with the time moved on by a millisecond. */
  freeId(make: (ms: number) => string, ms: number): string {
    let at = ms;
    while (this.get(make(at))) at += 1;
    return make(at);
  }

  insert<C>(task: Omit<ManagerTask<C>, 'seq'>): ManagerTask<C> {
    const seq = (this.store.get<{ seq: number }>('SELECT COALESCE(MAX(seq), 0) AS seq FROM mgr_tasks')?.seq ?? 0) + 1;
    this.store.run(
      `INSERT INTO mgr_tasks (id, seq, owner, type, status, message, error, created_at, updated_at, completed_at, detail)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      task.id, seq, task.owner, task.type, task.status, task.message, task.error, task.createdAt, task.updatedAt, task.completedAt,
      JSON.stringify({ steps: task.steps, context: task.context }),
    );
    return { ...task, seq };
  }

  save(task: ManagerTask<unknown>): void {
    this.store.run(
      'UPDATE mgr_tasks SET status = ?, message = ?, error = ?, updated_at = ?, completed_at = ?, detail = ? WHERE id = ?',
      task.status, task.message, task.error, task.updatedAt, task.completedAt, JSON.stringify({ steps: task.steps, context: task.context }), task.id,
    );
  }

  get<C = Record<string, unknown>>(id: string): ManagerTask<C> | undefined {
    const row = this.store.get<TaskRow>('SELECT * FROM mgr_tasks WHERE id = ?', id);
    return row && fromRow<C>(row);
  }

  ownedBy(owner: string): ManagerTask[] {
    return this.store.all<TaskRow>('SELECT * FROM mgr_tasks WHERE owner = ? ORDER BY seq DESC', owner).map((r) => fromRow(r));
  }

  latestOf(owner: string): ManagerTask | undefined {
    const row = this.store.get<TaskRow>('SELECT * FROM mgr_tasks WHERE owner = ? ORDER BY seq DESC LIMIT 1', owner);
    return row && fromRow(row);
  }

  /** Tasks whose PVE work is under way. */
  active(): ManagerTask[] {
    return this.store.all<TaskRow>("SELECT * FROM mgr_tasks WHERE status = 'in_progress' ORDER BY seq").map((r) => fromRow(r));
  }

  all(): ManagerTask[] {
    return this.store.all<TaskRow>('SELECT * FROM mgr_tasks ORDER BY seq').map((r) => fromRow(r));
  }
}
