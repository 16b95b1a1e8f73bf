// Veeam tasks (task-1, task-2, ...) on the shared task engine: each belongs to the logon session that
// started it; Running while the engine runs it, then Finished with a Result.
import type { ApiContext } from '../../../core/api-module.js';
import type { Task, TaskPlan } from '../../../core/tasks.js';
import { notFound } from '../errors.js';

export const API = 'veeam-em';
export const TASK_OPERATIONS = ['CloneJob', 'StartJob', 'StopJob', 'RetryJob'] as const;
export type TaskOperation = (typeof TASK_OPERATIONS)[number];

/** What an ended task points at: the cloned job, or the backup session a start or retry opened. */
export interface TaskRelated {
  type: 'Job' | 'BackupJobSession';
  id: string;
  name: string;
}

export interface VeeamTask {
  taskId: string;
  operation: TaskOperation;
  logonSessionId: string;
  engine: Task<{ jobId: string }>;
}

interface TaskRow {
  number: number;
  engine_id: string;
  logon_session_id: string;
  operation: TaskOperation;
}

export interface StartTask<P extends { jobId: string }> {
  operation: TaskOperation;
  logonSessionId: string;
  payload: P;
  durationMs: number;
  plan?: TaskPlan | undefined;
}

export class VeeamTasks {
  constructor(private readonly ctx: ApiContext) {}

  start<P extends { jobId: string }>(input: StartTask<P>): VeeamTask {
    const last = this.ctx.store.get<{ n: number }>('SELECT COALESCE(MAX(number), 0) AS n FROM veeam_tasks')!.n;
    const number = last + 1;
    const engineId = `${API}:task-${number}`;
    this.ctx.store.run('INSERT INTO veeam_tasks (number, engine_id, logon_session_id, operation) VALUES (?, ?, ?, ?)', number, engineId, input.logonSessionId, input.operation);
    const engine = this.ctx.tasks.create({
      id: engineId,
      api: API,
      type: input.operation,
      target: input.payload.jobId,
      owner: input.logonSessionId,
      payload: input.payload,
      durationMs: input.durationMs * this.ctx.taskDurationScale,
      plan: input.plan,
    });
    return { taskId: `task-${number}`, operation: input.operation, logonSessionId: input.logonSessionId, engine };
  }

  /** The logon session's tasks, oldest first. */
  list(logonSessionId: string): VeeamTask[] {
    return this.ctx.store
      .all<TaskRow>('SELECT * FROM veeam_tasks WHERE logon_session_id = ? AND deleted = 0 ORDER BY number', logonSessionId)
      .map((row) => this.fromRow(row));
  }

  /** A task of this logon session; another session's task is as unknown as a missing one. */
  require(taskId: string, logonSessionId: string): VeeamTask {
    const number = /^task-(\d{1,15})$/.exec(taskId)?.[1];
    const row = number === undefined ? undefined : this.ctx.store.get<TaskRow>('SELECT * FROM veeam_tasks WHERE number = ? AND deleted = 0', Number(number));
    if (!row || row.logon_session_id !== logonSessionId) throw notFound(`Task with ID '${taskId}' was not found.`);
    return this.fromRow(row);
  }

  /** Stops the task if it still runs, and forgets it. */
  remove(task: VeeamTask): void {
    this.ctx.store.transaction(() => {
      this.ctx.tasks.cancel(task.engine.id, 'The task was cancelled by the user.');
      this.ctx.store.run('UPDATE veeam_tasks SET deleted = 1 WHERE engine_id = ?', task.engine.id);
    });
  }

  private fromRow(row: TaskRow): VeeamTask {
    const engine = this.ctx.tasks.get<{ jobId: string }>(row.engine_id)!;
    return { taskId: `task-${row.number}`, operation: row.operation, logonSessionId: row.logon_session_id, engine };
  }
}
