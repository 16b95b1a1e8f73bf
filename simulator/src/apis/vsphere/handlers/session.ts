// Sessions: POST /api/session (Basic) -> the id as a bare string; GET -> who and since when; DELETE.
// Under /rest the same operations live at /rest/com/vmware/cis/session (GET is POST ?~action=get there).
import type { VsphereOperation } from '../operation.js';

export const sessionOperations: VsphereOperation[] = [
  {
    operationId: 'createSession',
    method: 'POST',
    path: '/session',
    restPath: '/com/vmware/cis/session',
    public: true,
    status: () => 201,
    handle({ model, authorization, flavour, headers }) {
      const id = model.access.login(authorization);
      // /rest clients (and browsers) keep the session as a cookie; /api clients send the header
      if (flavour === 'rest') headers['set-cookie'] = `vmware-api-session-id=${id}; Path=/rest; Secure; HttpOnly`;
      return id;
    },
  },
  {
    operationId: 'getSession',
    method: 'GET',
    path: '/session',
    restAction: 'get',
    handle: ({ caller }) => ({
      user: caller.user,
      created_time: new Date(caller.createdAt).toISOString(),
      last_accessed_time: new Date(caller.lastUsedAt).toISOString(),
    }),
  },
  {
    operationId: 'deleteSession',
    method: 'DELETE',
    path: '/session',
    restPath: '/com/vmware/cis/session',
    handle({ model, caller }) {
      model.access.logout(caller.session);
      return undefined;
    },
  },
];
