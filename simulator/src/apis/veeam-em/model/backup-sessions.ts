// Backup job sessions: what a started (or retried) job runs. Each is a task on the shared engine that
// writes the job's data to its repository when it ends; a repository without the room fails the session.
import { type Task, TaskFailure, type TaskKind } from '../../../core/tasks.js';
import { notFound } from '../errors.js';
import type { VeeamModel } from './index.js';
import { backupSize, type Job } from './jobs.js';
import { API } from './tasks.js';
import { sessionDurationMs } from './timing.js';

export const SESSION_TASK_TYPE = 'BackupJobSession';
export const SESSION_STOPPED_MESSAGE = 'Job was stopped by user.';

export interface BackupSession {
  id: string;
  jobId: string;
  jobName: string;
  jobType: string;
  isRetry: boolean;
  createdAt: number;
  engine: Task<SessionPayload>;
}

export interface SessionPayload {
  jobId: string;
  repositoryId: string | null;
  bytes: number;
}

interface SessionRow {
  id: string;
  job_id: string;
  engine_id: string;
  is_retry: number;
  created_at: number;
}

const GiB = 1024 ** 3;

export class BackupSessions {
  constructor(private readonly model: VeeamModel) {}

  /** Opens a running session for the job (call inside the transaction that decides to run it). */
  open(job: Job, isRetry: boolean): BackupSession {
    const { ctx } = this.model;
    const id = ctx.rng.uuid();
    const engineId = `${API}:session:${id}`;
    const bytes = job.repositoryId === null ? 0 : backupSize(job);
    const payload: SessionPayload = { jobId: job.id, repositoryId: job.repositoryId, bytes };
    const now = ctx.clock.now();
    ctx.store.run('INSERT INTO veeam_backup_sessions (id, job_id, engine_id, is_retry, created_at) VALUES (?, ?, ?, ?, ?)', id, job.id, engineId, isRetry ? 1 : 0, now);
    ctx.tasks.create({
      id: engineId,
      api: API,
      type: SESSION_TASK_TYPE,
      target: job.id,
      payload,
      durationMs: sessionDurationMs(this.model.timing(), backupSize(job)) * ctx.taskDurationScale,
    });
    return this.require(id);
  }

  list(): BackupSession[] {
    return this.model.ctx.store.all<SessionRow>('SELECT * FROM veeam_backup_sessions ORDER BY created_at, id').map((row) => this.fromRow(row));
  }

  require(id: string): BackupSession {
    const row = this.model.ctx.store.get<SessionRow>('SELECT * FROM veeam_backup_sessions WHERE id = ?', id.toLowerCase());
    if (!row) throw notFound(`Backup job session with ID '${id}' was not found.`);
    return this.fromRow(row);
  }

  /** The job's newest session, if it ever ran. */
  latest(jobId: string): BackupSession | undefined {
    const row = this.model.ctx.store.get<SessionRow>('SELECT * FROM veeam_backup_sessions WHERE job_id = ? ORDER BY created_at DESC, rowid DESC LIMIT 1', jobId);
    return row && this.fromRow(row);
  }

  private fromRow(row: SessionRow): BackupSession {
    const engine = this.model.ctx.tasks.get<SessionPayload>(row.engine_id)!;
    const job = this.model.jobs.get(row.job_id);
    return {
      id: row.id,
      jobId: row.job_id,
      jobName: job?.name ?? '',
      jobType: job?.jobType ?? 'Backup',
      isRetry: row.is_retry === 1,
      createdAt: row.created_at,
      engine,
    };
  }
}

export function sessionTaskKind(model: VeeamModel): TaskKind<SessionPayload> {
  return {
    api: API,
    type: SESSION_TASK_TYPE,
    succeed(task) {
      const { repositoryId, bytes } = task.payload;
      if (repositoryId === null || bytes === 0) return null;
      const repository = model.infrastructure.repository(repositoryId);
      if (!repository) throw new TaskFailure('The backup repository of the job no longer exists.');
      const free = repository.capacity - repository.used;
      if (bytes > free)
        throw new TaskFailure(`Not enough free space on repository '${repository.name}': ${(bytes / GiB).toFixed(1)} GB required, ${(free / GiB).toFixed(1)} GB available.`);
      model.infrastructure.consume(repositoryId, bytes);
      return null;
    },
  };
}
