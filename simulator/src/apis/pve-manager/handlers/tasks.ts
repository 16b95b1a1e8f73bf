// Task status: all of the caller's tasks, the latest, several by id, one by id. Every call has already
// brought running tasks up to date with PVE (operation.ts); a caller only ever sees their own tasks.
import { ManagerError } from '../errors.js';
import type { ManagerTask } from '../model/tasks.js';
import type { ManagerOperation } from '../operation.js';
import { taskView } from '../views.js';

export const TASK_NOT_FOUND = 'Task not found';

export const taskOperations: ManagerOperation[] = [
  {
    operationId: 'getUserAllTasksStatus',
    method: 'GET',
    path: '/pve/getUserAllTasksStatus',
    handle({ model, user }) {
      return { message: 'Tasks retrieved successfully', data: model.tasks.ownedBy(user.id).map(taskView) };
    },
  },
  {
    operationId: 'getUserLatestTaskStatus',
    method: 'GET',
    path: '/pve/getUserLatestTaskStatus',
    handle({ model, user }) {
      const task = model.tasks.latestOf(user.id);
      if (!task) throw new ManagerError(404, 'No tasks found');
      return { message: 'Task retrieved successfully', data: taskView(task) };
    },
  },
  {
    operationId: 'getMultipleTasksStatus',
    method: 'POST',
    path: '/pve/getMultipleTasksStatus',
    missingFields: 'Missing required field: task_ids',
    invalidField: { task_ids: 'task_ids must be a non-empty array of task ids (at most 100)' },
    handle({ model, user, body }) {
      const ids = [...new Set(body.task_ids as string[])];
      const found: ManagerTask[] = [];
      const notFound: string[] = [];
      for (const id of ids) {
        const task = model.tasks.get(id);
        if (task && task.owner === user.id) found.push(task);
        else notFound.push(id);
      }
      return { message: 'Tasks retrieved successfully', data: { tasks: found.map(taskView), not_found: notFound } };
    },
  },
  {
    operationId: 'refreshTaskStatus',
    method: 'POST',
    path: '/pve/refreshTaskStatus',
    missingFields: 'Missing required field: task_id',
    invalidField: { task_id: 'task_id must be a non-empty string' },
    handle({ model, user, body }) {
      const task = model.tasks.get(body.task_id as string);
      if (!task || task.owner !== user.id) throw new ManagerError(404, TASK_NOT_FOUND);
      return { message: 'Task status refreshed', data: taskView(task) };
    },
  },
];
