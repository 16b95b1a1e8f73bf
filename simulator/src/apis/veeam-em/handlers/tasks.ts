// Tasks of the current logon session, and backup job sessions.
import { callerOf, type VeeamOperation } from '../operation.js';
import { referencesView } from '../views/infrastructure.js';
import { backupSessionRef, backupSessionsView, backupSessionView, taskListView, taskView } from '../views/tasks.js';

export const taskOperations: VeeamOperation[] = [
  {
    operationId: 'listTasks',
    method: 'GET',
    path: '/tasks',
    auth: 'session',
    handle: (call) => taskListView(call.base, call.model.tasks.list(callerOf(call).session.id)),
  },
  {
    operationId: 'getTask',
    method: 'GET',
    path: '/tasks/:id',
    auth: 'session',
    handle: (call) => taskView(call.base, call.model.tasks.require(call.params.id, callerOf(call).session.id)),
  },
  {
    operationId: 'deleteTask',
    method: 'DELETE',
    path: '/tasks/:id',
    auth: 'session',
    status: 204,
    handle(call) {
      call.model.tasks.remove(call.model.tasks.require(call.params.id, callerOf(call).session.id));
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
