// POST /v1/token: the OAuth2 password flow (form username/password -> a bearer token).
import { BEARER, SandboxError } from '../errors.js';
import type { SandboxOperation } from '../operation.js';

export const tokenOperations: SandboxOperation[] = [
  {
    operationId: 'login_for_access_token_v1_token_post',
    method: 'POST',
    path: '/token',
    public: true,
    form: true,
    handle({ body, model }) {
      const user = model.users.get(body.username);
      if (!user || user.password !== body.password) throw new SandboxError(401, 'Incorrect username or password', BEARER);
      return { access_token: model.users.issueToken(user.username), token_type: 'bearer' };
    },
  },
];
