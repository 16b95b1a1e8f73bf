// The entry point and logon sessions: logon with Basic credentials, list, read, log off.
import { SESSION_HEADER } from '../auth.js';
import { VeeamError } from '../errors.js';
import type { LogonSession } from '../model/logons.js';
import { callerOf, type VeeamCall, type VeeamOperation } from '../operation.js';
import { entryPointView, logonSessionsView, logonSessionView } from '../views/infrastructure.js';

/** Portal Administrators see every logon session; other users their own. */
function visibleSessions(call: VeeamCall): LogonSession[] {
  const caller = callerOf(call);
  const all = call.model.logons.list();
  return caller.user.role === 'PortalAdministrator' ? all : all.filter((s) => s.user === caller.user.name);
}

function visibleSession(call: VeeamCall): LogonSession {
  const session = call.model.logons.require(call.params.id);
  if (!visibleSessions(call).some((s) => s.id === session.id)) throw new VeeamError(404, `Logon session with ID '${call.params.id}' was not found.`);
  return session;
}

export const sessionOperations: VeeamOperation[] = [
  {
    operationId: 'getEntryPoint',
    method: 'GET',
    path: '/',
    auth: 'none',
    handle: ({ base }) => entryPointView(base),
  },
  {
    operationId: 'createLogonSession',
    method: 'POST',
    path: '/sessionMngr/',
    auth: 'basic',
    status: 201,
    handle({ model, basicUser, base, headers }) {
      if (!basicUser) throw new Error('createLogonSession runs only after Basic authentication');
      const session = model.logons.open(basicUser.name);
      headers[SESSION_HEADER] = session.token;
      headers['set-cookie'] = `${SESSION_HEADER}=${session.token}; Path=/api; HttpOnly`;
      headers.location = `${base}/logonSessions/${session.id}`;
      return logonSessionView(base, session);
    },
  },
  {
    operationId: 'listLogonSessions',
    method: 'GET',
    path: '/logonSessions',
    auth: 'session',
    handle: (call) => logonSessionsView(call.base, visibleSessions(call)),
  },
  {
    operationId: 'getLogonSession',
    method: 'GET',
    path: '/logonSessions/:id',
    auth: 'session',
    handle: (call) => logonSessionView(call.base, visibleSession(call)),
  },
  {
    operationId: 'deleteLogonSession',
    method: 'DELETE',
    path: '/logonSessions/:id',
    auth: 'session',
    status: 204,
    handle(call) {
      call.model.logons.close(visibleSession(call).id);
      return null;
    },
  },
];
