// Worker tasks: list with PVE's filters, status, log, stop.
import type { Task } from '../../../core/tasks.js';
import { hasPrivilege, type Caller } from '../auth.js';
import { PveError } from '../errors.js';
import type { PveModel } from '../model/index.js';
import type { Params, PveOperation } from '../operation.js';
import { exitStatus, taskLogLines, taskStatusView, taskSummaryView, type WorkerPayload } from '../worker.js';

/** Users without Sys.Audit see their own tasks only. */
function visible(caller: Caller, task: Task): boolean {
  return hasPrivilege(caller, 'Sys.Audit') || task.owner === caller.userid;
}

/** The task behind the path's UPID, if the caller may see it. */
function visibleTask(params: Params, model: PveModel, caller: Caller): Task<WorkerPayload> {
  model.inventory.requireNode(params.node);
  const task = model.workers.require(params.upid);
  if (!visible(caller, task)) throw new PveError(`Permission check failed (/nodes/${params.node}, Sys.Audit)`, 403);
  return task;
}

export const taskOperations: PveOperation[] = [
  {
    operationId: 'listTasks',
    method: 'GET',
    path: '/nodes/:node/tasks',
    handle({ params, model, caller }) {
      model.inventory.requireNode(params.node);
      const source = (params.source as string | undefined) ?? 'archive';
      const statuses = typeof params.statusfilter === 'string' ? new Set(params.statusfilter.split(',').map((s: string) => s.trim().toLowerCase())) : undefined;
      const selected = model.workers
        .list(params.node)
        .filter((task) => {
          const exit = exitStatus(task);
          const starttime = Math.floor((task.startedAt ?? task.createdAt) / 1000);
          if (!visible(caller, task)) return false;
          if (source === 'archive' && exit === undefined) return false;
          if (source === 'active' && exit !== undefined) return false;
          if (params.userfilter !== undefined && !(task.owner ?? '').includes(params.userfilter)) return false;
          if (params.typefilter !== undefined && task.type !== params.typefilter) return false;
          if (params.vmid !== undefined && task.target !== String(params.vmid)) return false;
          if (params.since !== undefined && starttime < params.since) return false;
          if (params.until !== undefined && starttime > params.until) return false;
          if (params.errors === 1 && (exit === undefined || exit === 'OK')) return false;
          if (statuses && !statuses.has(exit === undefined ? 'running' : exit === 'OK' ? 'ok' : 'error')) return false;
          return true;
        })
        .reverse();
      const start = (params.start as number | undefined) ?? 0;
      const limit = (params.limit as number | undefined) ?? 50;
      return selected.slice(start, start + limit).map(taskSummaryView);
    },
  },
  {
    operationId: 'getTaskStatus',
    method: 'GET',
    path: '/nodes/:node/tasks/:upid/status',
    handle: ({ params, model, caller }) => taskStatusView(visibleTask(params, model, caller)),
  },
  {
    operationId: 'getTaskLog',
    method: 'GET',
    path: '/nodes/:node/tasks/:upid/log',
    handle({ params, model, caller }) {
      const task = visibleTask(params, model, caller);
      const lines = taskLogLines(task, model.ctx.tasks.progress(task)).map((t, i) => ({ n: i + 1, t }));
      const start = (params.start as number | undefined) ?? 0;
      const limit = (params.limit as number | undefined) ?? 50;
      return lines.slice(start, start + limit);
    },
  },
  {
    operationId: 'stopTask',
    method: 'DELETE',
    path: '/nodes/:node/tasks/:upid',
    handle({ params, model, caller }) {
      model.inventory.requireNode(params.node);
      const task = model.workers.require(params.upid);
      if (!hasPrivilege(caller, 'Sys.Modify') && task.owner !== caller.userid) throw new PveError(`Permission check failed (/nodes/${params.node}, Sys.Modify)`, 403);
      model.ctx.tasks.cancel(task.id, 'interrupted by signal');
      return null;
    },
  },
];
