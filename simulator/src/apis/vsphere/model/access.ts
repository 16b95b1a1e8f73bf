// Users, sessions and privileges. A session id is 32 hex digits (as vCenter's); it expires after 30
// minutes without use on the virtual clock. Sessions live in the store, with a memory copy for the hot
// path; their last use is written back at most once a minute so that reads cost no write.
import type { ApiContext } from '../../../core/api-module.js';
import { hashPassword, sameSecret } from '../../../core/secrets.js';
import { VsphereError } from '../errors.js';

export const SESSION_IDLE_MS = 30 * 60 * 1000;
const TOUCH_WRITE_MS = 60 * 1000;

export interface Caller {
  user: string;
  session: string;
  privileges: string[];
  createdAt: number;
  lastUsedAt: number;
}

interface SessionRow {
  id: string;
  user: string;
  created_at: number;
  last_used_at: number;
}

export const unauthenticated = () =>
  new VsphereError('UNAUTHENTICATED', 'com.vmware.vapi.endpoint.method.authentication.required', 'Authentication required.');

export class Access {
  private readonly sessions = new Map<string, { user: string; createdAt: number; lastUsedAt: number; writtenAt: number }>();
  private readonly users = new Map<string, string[] | undefined>();

  constructor(private readonly ctx: ApiContext) {}

  forgetCaches(): void {
    this.sessions.clear();
    this.users.clear();
  }

  addUser(name: string, password: string, privileges: string[]): void {
    this.users.delete(name);
    this.ctx.store.run('INSERT INTO vsphere_users (name, password, privileges) VALUES (?, ?, ?)', name, hashPassword(password), JSON.stringify(privileges));
  }

  privilegesOf(user: string): string[] | undefined {
    if (!this.users.has(user)) {
      const row = this.ctx.store.get<{ privileges: string }>('SELECT privileges FROM vsphere_users WHERE name = ?', user);
      this.users.set(user, row ? (JSON.parse(row.privileges) as string[]) : undefined);
    }
    return this.users.get(user);
  }

  /** A new session for `Basic` credentials, or UNAUTHENTICATED. */
  login(authorization: string | undefined): string {
    const m = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(authorization ?? '');
    if (!m) throw unauthenticated();
    const decoded = Buffer.from(m[1]!, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    const user = colon < 0 ? decoded : decoded.slice(0, colon);
    const row = this.ctx.store.get<{ password: string }>('SELECT password FROM vsphere_users WHERE name = ?', user);
    if (colon < 0 || !row || !sameSecret(row.password, hashPassword(decoded.slice(colon + 1)))) throw unauthenticated();
    const id = this.ctx.rng.hex(32);
    const now = this.ctx.clock.now();
    this.ctx.store.run('INSERT INTO vsphere_sessions (id, user, created_at, last_used_at) VALUES (?, ?, ?, ?)', id, user, now, now);
    this.sessions.set(id, { user, createdAt: now, lastUsedAt: now, writtenAt: now });
    return id;
  }

  /** The caller behind a session id, its idle time renewed; UNAUTHENTICATED when unknown or expired. */
  authenticate(sessionId: string | undefined): Caller {
    if (!sessionId) throw unauthenticated();
    let session = this.sessions.get(sessionId);
    if (!session) {
      const row = this.ctx.store.get<SessionRow>('SELECT * FROM vsphere_sessions WHERE id = ?', sessionId);
      if (!row) throw unauthenticated();
      session = { user: row.user, createdAt: row.created_at, lastUsedAt: row.last_used_at, writtenAt: row.last_used_at };
      this.sessions.set(sessionId, session);
    }
    const now = this.ctx.clock.now();
    const privileges = this.privilegesOf(session.user);
    if (now - session.lastUsedAt > SESSION_IDLE_MS || !privileges) {
      this.logout(sessionId);
      throw unauthenticated();
    }
    session.lastUsedAt = now;
    if (now - session.writtenAt >= TOUCH_WRITE_MS) {
      session.writtenAt = now;
      this.ctx.store.run('UPDATE vsphere_sessions SET last_used_at = ? WHERE id = ?', now, sessionId);
    }
    return { user: session.user, session: sessionId, privileges, createdAt: session.createdAt, lastUsedAt: now };
  }

  logout(sessionId: string): void {
    this.sessions.delete(sessionId);
    this.ctx.store.run('DELETE FROM vsphere_sessions WHERE id = ?', sessionId);
  }
}

export function hasPrivilege(caller: Caller, privilege: string): boolean {
  return caller.privileges.includes('*') || caller.privileges.includes(privilege);
}

/** UNAUTHORIZED naming the privilege and the object it is needed on. */
export function requirePrivilege(caller: Caller, privilege: string, object: string): void {
  if (!hasPrivilege(caller, privilege))
    throw new VsphereError('UNAUTHORIZED', 'vapi.security.authorization.invalid', `Permission to perform this operation was denied: ${privilege} is required on ${object}.`, [privilege, object]);
}


