// Jobs: references and entities, and the actions that answer with a Task (clone, start, stop, retry).
import { cloneJob, type JobCloneSpec } from '../model/clone.js';
import { type JobAction, runJobAction } from '../model/job-actions.js';
import { el, repeated } from '../representation/tree.js';
import { callerOf, type VeeamCall, type VeeamOperation } from '../operation.js';
import { referencesView } from '../views/infrastructure.js';
import { jobEntity, jobRef } from '../views/jobs.js';
import { taskView } from '../views/tasks.js';

function actionOperation(action: JobAction, operationId: string): VeeamOperation {
  return {
    operationId,
    method: 'POST',
    path: '/jobs/:id',
    action,
    auth: 'session',
    administrative: true,
    status: 202,
    handle: (call: VeeamCall) => taskView(call.base, runJobAction(call.model, action, call.params.id, callerOf(call).session.id, call.taskPlan)),
  };
}

export const jobOperations: VeeamOperation[] = [
  {
    operationId: 'listJobs',
    method: 'GET',
    path: '/jobs',
    auth: 'session',
    handle({ model, base, params }) {
      const jobs = model.jobs.list();
      if (params.format === 'Entity') return el('Jobs', {}, repeated('Jobs', jobs.map((job) => jobEntity(base, model, job))));
      return referencesView(jobs.map((job) => jobRef(base, model, job)));
    },
  },
  {
    operationId: 'getJob',
    method: 'GET',
    path: '/jobs/:id',
    auth: 'session',
    handle({ model, base, params }) {
      const job = model.jobs.require(params.id);
      return params.format === 'Entity' ? jobEntity(base, model, job) : jobRef(base, model, job);
    },
  },
  {
    operationId: 'cloneJob',
    method: 'POST',
    path: '/jobs/:id',
    action: 'clone',
    auth: 'session',
    administrative: true,
    bodyRoot: 'JobCloneSpec',
    status: 202,
    handle: (call) => taskView(call.base, cloneJob(call.model, call.params.id, call.params.body as JobCloneSpec, callerOf(call).session.id, call.taskPlan)),
  },
  actionOperation('start', 'startJob'),
  actionOperation('stop', 'stopJob'),
  actionOperation('retry', 'retryJob'),
];
