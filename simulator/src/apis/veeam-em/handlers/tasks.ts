// Tasks of the current logon session, and backup job sessions.
import type { VeeamOperation } from '../operation.js';
import { referencesView } from '../views/infrastructure.js';
import { backupSessionRef, backupSessionsView, backupSessionView, taskListView, taskView } from '../views/tasks.js';

export const taskOperations: VeeamOperation[] = [
  {
    operationId: 'listTasks',
    method: 'GET',
    path: '/tasks',
    auth: 'session',
    handle: ({ model, base, caller }) => taskListView(base, model.tasks.list(caller.session.id)),
  },
  {
    operationId: 'getTask',
    method: 'GET',
    path: '/tasks/:id',
    auth: 'session',
    handle: ({ model, base, caller, params }) => taskView(base, model.tasks.require(params.id, caller.session.id)),
  },
  {
    operationId: 'deleteTask',
    method: 'DELETE',
    path: '/tasks/:id',
    auth: 'session',
    status: 204,
    handle({ model, caller, params }) {
      model.tasks.remove(model.tasks.require(params.id, caller.session.id));
      return null;
    },
  },
  {
    operationId: 'listBackupSessions',
    method: 'GET',
    path: '/backupSessions',
    auth: 'session',
    handle({ model, base, params }) {
      const sessions = model.backupSessions.list();
      if (params.format !== 'Entity') return referencesView(sessions.map((session) => backupSessionRef(base, session)));
      return backupSessionsView(base, sessions.map((session) => ({ session, progress: model.ctx.tasks.progress(session.engine) })));
    },
  },
  {
    operationId: 'getBackupSession',
    method: 'GET',
    path: '/backupSessions/:id',
    auth: 'session',
    handle({ model, base, params }) {
      const session = model.backupSessions.require(params.id);
      if (params.format !== 'Entity') return backupSessionRef(base, session);
      return backupSessionView(base, session, model.ctx.tasks.progress(session.engine));
    },
  },
];
