// PVE authentication: the PVEAuthCookie ticket (plus CSRFPreventionToken on writes) or an API token;
// then privilege checks against the caller's ACL.
import type { Context } from 'hono';
import { PveError } from './errors.js';
import type { PveModel } from './model/index.js';

export interface Caller {
  userid: string;
  privileges: string[];
}

const TOKEN = /^PVEAPIToken[= ]([^!=\s]+![^=\s]+)[=:](\S+)$/;

export function authenticate(c: Context, model: PveModel, method: string): Caller {
  const authorization = c.req.header('authorization');
  if (authorization?.startsWith('PVEAPIToken')) {
    const m = TOKEN.exec(authorization.trim());
    const user = m ? model.access.checkToken(m[1]!, m[2]!) : undefined;
    if (!user || !user.enabled) throw new PveError('invalid token value!', 401);
    return { userid: m![1]!, privileges: user.privileges };
  }
  const cookie = ticketCookie(c.req.header('cookie'));
  if (!cookie) throw new PveError('No ticket', 401);
  const userid = model.access.verifyTicket(cookie.includes('%') ? decodedCookie(cookie) : cookie);
  if (!userid) throw new PveError('invalid PVE ticket', 401);
  if (method !== 'GET') {
    const csrf = c.req.header('csrfpreventiontoken');
    if (!csrf || !model.access.verifyCsrf(csrf, userid)) throw new PveError('Permission denied - invalid csrf token', 401);
  }
  const user = model.access.user(userid);
  if (!user || !user.enabled) throw new PveError('invalid PVE ticket', 401);
  return { userid, privileges: user.privileges };
}

export function hasPrivilege(caller: Caller, privilege: string): boolean {
  return caller.privileges.includes('*') || caller.privileges.includes(privilege);
}

/** One privilege, or any of several (PVE's `any => 1`, reported joined by '|'). */
export function requirePrivilege(caller: Caller, path: string, privilege: string | string[]): void {
  const any = Array.isArray(privilege) ? privilege : [privilege];
  if (!any.some((p) => hasPrivilege(caller, p))) throw new PveError(`Permission check failed (${path}, ${any.join('|')})`, 403);
}

const TICKET_COOKIE = /(?:^|;)\s*PVEAuthCookie=([^;]*)/;

/** The PVEAuthCookie value, without parsing every other cookie the client sends. */
function ticketCookie(header: string | undefined): string | undefined {
  const value = header === undefined ? undefined : TICKET_COOKIE.exec(header)?.[1]?.trim();
  return value === '' ? undefined : value;
}

/** Clients send the same URL-encoded ticket on every request: decode each one once. */
const decoded = new Map<string, string>();

function decodedCookie(cookie: string): string {
  let text = decoded.get(cookie);
  if (text === undefined) {
    if (decoded.size >= 10_000) decoded.clear();
    text = safeDecode(cookie);
    decoded.set(cookie, text);
  }
  return text;
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
