// Login tokens: HS256 JSON Web Tokens signed with the scenario's key, expiring on the virtual clock, sent
// as `Authorization: Bearer <token>`. Roles decide what a caller may do.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { ManagerError } from './errors.js';
import type { ManagerModel } from './model/index.js';
import type { Role, User } from './model/users.js';

export const NO_TOKEN = 'Unauthorized: No token provided';
export const BAD_TOKEN = 'Unauthorized: Invalid token';
export const EXPIRED_TOKEN = 'Unauthorized: Token expired';

interface Claims {
  sub: string;
  email: string;
  role: Role;
  iat: number;
  exp: number;
}

const base64url = (data: string | Buffer) => Buffer.from(data).toString('base64url');
const HEADER = base64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));

function sign(model: ManagerModel, input: string): Buffer {
  return createHmac('sha256', Buffer.from(model.settings().signingKey, 'hex')).update(input).digest();
}

export function issueToken(model: ManagerModel, user: User): { token: string; expiresAt: number } {
  const iat = Math.floor(model.now() / 1000);
  const exp = iat + model.settings().tokenLifetimeSeconds;
  const claims: Claims = { sub: user.id, email: user.email, role: user.role, iat, exp };
  const body = `${HEADER}.${base64url(JSON.stringify(claims))}`;
  return { token: `${body}.${sign(model, body).toString('base64url')}`, expiresAt: exp * 1000 };
}

/** The user behind `Authorization: Bearer <token>`, or the service's 401. */
export function authenticate(model: ManagerModel, authorization: string | undefined): User {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '');
  if (!match) throw new ManagerError(401, NO_TOKEN);
  const parts = match[1]!.split('.');
  if (parts.length !== 3 || parts[0] !== HEADER) throw new ManagerError(401, BAD_TOKEN);
  const expected = sign(model, `${parts[0]}.${parts[1]}`);
  const given = Buffer.from(parts[2]!, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw new ManagerError(401, BAD_TOKEN);
  let claims: Claims;
  try {
    claims = JSON.parse(Buffer.from(parts[1]!, 'base64url').toString('utf8')) as Claims;
  } catch {
    throw new ManagerError(401, BAD_TOKEN);
  }
  if (typeof claims.exp !== 'number' || claims.exp * 1000 <= model.now()) throw new ManagerError(401, EXPIRED_TOKEN);
  const user = model.users.get(claims.sub);
  if (!user) throw new ManagerError(401, BAD_TOKEN);
  return user;
}

export const FORBIDDEN = 'Forbidden: insufficient permissions';

export function requireRole(user: User, roles: readonly Role[] | undefined): void {
  if (roles && !roles.includes(user.role)) throw new ManagerError(403, roles.length === 1 ? `Forbidden: ${roles[0]} access required` : FORBIDDEN);
}
