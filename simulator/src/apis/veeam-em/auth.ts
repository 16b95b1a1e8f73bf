// Veeam EM authentication: Basic credentials create a logon session (POST /sessionMngr/); every other
// call sends its token in the X-RestSvcSessionId header (or cookie). Roles decide what a caller may do.
import type { Context } from 'hono';
import { VeeamError } from './errors.js';
import type { VeeamModel } from './model/index.js';
import type { LogonSession, Role, User } from './model/logons.js';

export const SESSION_HEADER = 'X-RestSvcSessionId';
export const BASIC_CHALLENGE = { 'WWW-Authenticate': 'Basic Realm=RestSvc' };

export interface Caller {
  user: User;
  session: LogonSession;
}

export const ROLE_TITLES: Record<Role, string> = { PortalAdministrator: 'Portal Administrator', RestoreOperator: 'Restore Operator' };

/** The user named by Basic credentials, or 401 with Veeam's challenge. */
export function basicUser(c: Context, model: VeeamModel): User {
  const header = c.req.header('authorization') ?? '';
  const match = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header);
  if (!match) throw new VeeamError(401, 'Authentication required: send the user name and password with Basic authentication.', BASIC_CHALLENGE);
  const decoded = Buffer.from(match[1]!, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  const user = colon <= 0 ? undefined : model.logons.checkPassword(decoded.slice(0, colon), decoded.slice(colon + 1));
  if (!user) throw new VeeamError(401, 'Authentication failed: incorrect user name or password.', BASIC_CHALLENGE);
  return user;
}

export function sessionCaller(c: Context, model: VeeamModel): Caller {
  const token = c.req.header(SESSION_HEADER) ?? sessionCookie(c.req.header('cookie'));
  if (!token) throw new VeeamError(401, `Authentication required: send the ${SESSION_HEADER} header of a logon session (POST /api/sessionMngr/?v=latest).`);
  const session = model.logons.use(token.trim());
  if (session === 'expired') throw new VeeamError(401, 'The logon session has expired. Log on again.');
  const user = session && model.logons.user(session.user);
  if (!session || !user) throw new VeeamError(401, 'The logon session does not exist or has been closed. Log on again.');
  return { user, session };
}

export function requireAdministrator(caller: Caller, operation: string): void {
  if (caller.user.role === 'PortalAdministrator') return;
  throw new VeeamError(403, `Access denied: user '${caller.user.name}' (${ROLE_TITLES[caller.user.role]}) is not allowed to perform ${operation}.`);
}

const COOKIE = /(?:^|;)\s*X-RestSvcSessionId=([^;]*)/i;

function sessionCookie(header: string | undefined): string | undefined {
  const value = header === undefined ? undefined : COOKIE.exec(header)?.[1]?.trim();
  return value === '' ? undefined : value;
}
