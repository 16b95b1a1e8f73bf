// start, stop and retry: each a short task that, when it ends, opens a backup session, stops the running
// one, or runs the failed one again; a job in the wrong state fails the task with Veeam's reason.
import { TaskFailure, type TaskKind, type TaskPlan } from '../../../core/tasks.js';
import { SESSION_STOPPED_MESSAGE } from './backup-sessions.js';
import type { VeeamModel } from './index.js';
import type { Job } from './jobs.js';
import { API, type TaskOperation, type TaskRelated, type VeeamTask } from './tasks.js';

export type JobAction = 'start' | 'stop' | 'retry';

const OPERATION: Record<JobAction, TaskOperation> = { start: 'StartJob', stop: 'StopJob', retry: 'RetryJob' };

export function runJobAction(model: VeeamModel, action: JobAction, jobId: string, logonSessionId: string, plan?: TaskPlan): VeeamTask {
  return model.ctx.store.transaction(() => {
    const job = model.jobs.require(jobId);
    const operation = OPERATION[action];
    return model.tasks.start({ operation, logonSessionId, payload: { jobId: job.id }, durationMs: model.timing()[operation], plan });
  });
}

function isRunning(model: VeeamModel, job: Job): boolean {
  return model.backupSessions.latest(job.id)?.engine.state === 'running';
}

function requireJob(model: VeeamModel, jobId: string): Job {
  const job = model.jobs.get(jobId);
  if (!job) throw new TaskFailure('The job no longer exists.');
  return job;
}

export function jobActionTaskKinds(model: VeeamModel): Array<TaskKind<{ jobId: string }>> {
  return [
    {
      api: API,
      type: 'StartJob',
      succeed(task): { related: TaskRelated } {
        const job = requireJob(model, task.payload.jobId);
        if (isRunning(model, job)) throw new TaskFailure(`Job '${job.name}' is already running.`);
        const session = model.backupSessions.open(job, false);
        return { related: { type: 'BackupJobSession', id: session.id, name: job.name } };
      },
    },
    {
      api: API,
      type: 'StopJob',
      succeed(task) {
        const job = requireJob(model, task.payload.jobId);
        const session = model.backupSessions.latest(job.id);
        if (!session || session.engine.state !== 'running') throw new TaskFailure(`Job '${job.name}' is not running.`);
        model.ctx.tasks.cancel(session.engine.id, SESSION_STOPPED_MESSAGE);
        return { related: { type: 'BackupJobSession', id: session.id, name: job.name } };
      },
    },
    {
      api: API,
      type: 'RetryJob',
      succeed(task): { related: TaskRelated } {
        const job = requireJob(model, task.payload.jobId);
        const last = model.backupSessions.latest(job.id);
        if (last?.engine.state === 'running') throw new TaskFailure(`Job '${job.name}' is already running.`);
        if (!last || last.engine.state === 'succeeded') throw new TaskFailure(`Job '${job.name}' has no failed session to retry.`);
        const session = model.backupSessions.open(job, true);
        return { related: { type: 'BackupJobSession', id: session.id, name: job.name } };
      },
    },
  ];
}
