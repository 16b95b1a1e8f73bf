// Cloning a job (seed 003): the CloneInfo element must match the source job's type, the repository must
// exist; the new job appears on the same backup server when the CloneJob task ends, unless its name is
// already taken there (then the task fails with that message).
import { TaskFailure, type TaskKind, type TaskPlan } from '../../../core/tasks.js';
import { badRequest, notFound } from '../errors.js';
import type { VeeamModel } from './index.js';
import type { Job, JobType } from './jobs.js';
import { API, type TaskRelated, type VeeamTask } from './tasks.js';
import { idOfUid } from './uids.js';

export const CLONE_INFO: Record<JobType, string> = {
  Backup: 'BackupJobCloneInfo',
  Replica: 'ReplicaJobCloneInfo',
  BackupCopy: 'BackupCopyJobCloneInfo',
  ImmediateBackupCopy: 'ImmediateBackupCopyJobCloneInfo',
};

/** The body after validation: exactly one of the four CloneInfo elements. */
export type JobCloneSpec = Record<string, Record<string, string>>;

export interface ClonePayload {
  jobId: string;
  name: string;
  description: string | null;
  repositoryId: string | null;
  fileName: string | null;
  vmSuffix: string | null;
}

export function cloneJob(model: VeeamModel, jobId: string, spec: JobCloneSpec, logonSessionId: string, plan?: TaskPlan): VeeamTask {
  return model.ctx.store.transaction(() => {
    const job = model.jobs.require(jobId);
    const [infoName, info] = Object.entries(spec)[0] ?? ['', {}];
    // the repository is resolved before the type is compared: an unknown reference is reported as such
    const repositoryId = info.RepositoryUid === undefined ? null : requireRepositoryOf(model, job, info.RepositoryUid);
    const expected = CLONE_INFO[job.jobType];
    if (infoName !== expected)
      throw badRequest(`The clone options do not match the job type: job '${job.name}' is a ${job.jobType} job and is cloned with ${expected}, not ${infoName}.`);
    const payload: ClonePayload = {
      jobId: job.id,
      name: info.JobName!,
      description: info.Description ?? null,
      repositoryId,
      fileName: info.FolderName ?? info.JobFileName ?? null,
      vmSuffix: info.VmSuffix ?? null,
    };
    return model.tasks.start({ operation: 'CloneJob', logonSessionId, payload, durationMs: model.timing().CloneJob, plan });
  });
}

function requireRepositoryOf(model: VeeamModel, job: Job, uid: string): string {
  const id = idOfUid('Repository', uid)?.toLowerCase();
  const repository = id === undefined ? undefined : model.infrastructure.repository(id);
  if (!repository) throw notFound(`Repository with UID '${uid}' was not found.`);
  if (repository.backupServerId !== job.backupServerId)
    throw badRequest(`Repository '${repository.name}' is not on the backup server of job '${job.name}'.`);
  return repository.id;
}

export function cloneTaskKind(model: VeeamModel): TaskKind<ClonePayload> {
  return {
    api: API,
    type: 'CloneJob',
    succeed(task): { related: TaskRelated } {
      const p = task.payload;
      const source = model.jobs.get(p.jobId);
      if (!source) throw new TaskFailure('The source job no longer exists.');
      if (model.jobs.named(source.backupServerId, p.name)) {
        const server = model.infrastructure.server(source.backupServerId);
        throw new TaskFailure(`Job with name '${p.name}' already exists on backup server '${server?.name ?? source.backupServerId}'.`);
      }
      const id = model.ctx.rng.uuid();
      model.jobs.insert({
        ...source,
        id,
        name: p.name,
        description: p.description ?? `Cloned from job '${source.name}'`,
        repositoryId: p.repositoryId ?? source.repositoryId,
        fileName: p.fileName ?? source.fileName,
        vmSuffix: p.vmSuffix ?? source.vmSuffix,
        createdAt: model.ctx.clock.now(),
      });
      return { related: { type: 'Job', id, name: p.name } };
    },
  };
}
