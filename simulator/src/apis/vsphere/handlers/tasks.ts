// CIS tasks: get, list (POST ?action=list with filter_spec), cancel (POST /{task}?action=cancel).
import { cancelTask, listTasks, requireTask, taskInfo } from '../model/cis-tasks.js';
import type { VsphereOperation } from '../operation.js';

export const taskOperations: VsphereOperation[] = [
  {
    operationId: 'getTask',
    method: 'GET',
    path: '/cis/tasks/:task',
    handle: ({ model, params, caller }) => taskInfo(model, requireTask(model, params.task, caller)),
  },
  {
    operationId: 'listTasks',
    method: 'POST',
    path: '/cis/tasks',
    handle: ({ model, params, caller }) => listTasks(model, params.body?.filter_spec ?? {}, caller),
  },
  {
    operationId: 'cancelTask',
    method: 'POST',
    path: '/cis/tasks/:task',
    handle({ model, params, caller }) {
      cancelTask(model, params.task, caller);
      return undefined;
    },
  },
];
