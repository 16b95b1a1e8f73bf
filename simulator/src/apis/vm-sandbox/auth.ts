// Who is calling: the X-API-Key header, else an OAuth2 bearer token from POST /v1/token. The key decides
// when both are sent. FastAPI's OAuth2PasswordBearer answers 401 with `WWW-Authenticate: Bearer`.
import type { Context } from 'hono';
import { badCredentials, notAuthenticated } from './errors.js';
import type { SandboxModel } from './model/index.js';
import type { SandboxUser } from './model/users.js';

const BEARER = /^bearer\s+(\S+)\s*$/i;

export function authenticate(c: Context, model: SandboxModel): SandboxUser {
  const key = c.req.header('x-api-key');
  if (key !== undefined && key !== '') {
    const user = model.users.withKey(key);
    if (!user) throw badCredentials();
    return user;
  }
  const authorization = c.req.header('authorization');
  if (authorization === undefined || authorization.trim() === '') throw notAuthenticated();
  const token = BEARER.exec(authorization)?.[1];
  // OAuth2PasswordBearer treats another scheme like no credentials at all
  if (token === undefined) throw notAuthenticated();
  const user = model.users.withToken(token);
  if (!user) throw badCredentials();
  return user;
}
