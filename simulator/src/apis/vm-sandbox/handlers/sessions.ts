// Sessions: readable in every state, terminated ones included.
import type { SandboxOperation } from '../operation.js';
import { sessionView } from './views.js';

export const sessionOperations: SandboxOperation[] = [
  {
    operationId: 'list_sessions_v1_sessions_get',
    method: 'GET',
    path: '/sessions',
    handle: ({ model, user }) => model.sessions.list(user.username).map(sessionView),
  },
  {
    operationId: 'get_session_v1_sessions__session_id__get',
    method: 'GET',
    path: '/sessions/:session_id',
    handle: ({ model, user, params }) => sessionView(model.requireSession(params.session_id, user)),
  },
];
