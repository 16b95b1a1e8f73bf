// Users, their roles, and logon sessions: a session id (a GUID) whose base64 text is the
// X-RestSvcSessionId token; a session ends after 15 minutes without a request (virtual clock).
import type { Clock } from '../../../core/clock.js';
import type { Rng } from '../../../core/rng.js';
import type { Store } from '../../../core/store.js';
import { notFound } from '../errors.js';

export const ROLES = ['PortalAdministrator', 'RestoreOperator'] as const;
export type Role = (typeof ROLES)[number];

export const IDLE_TIMEOUT_MS = 15 * 60 * 1000;
/** a request refreshes last_used_at only when it moved this much, so reads stay mostly read-only */
const TOUCH_GRANULARITY_MS = 1000;

export interface User {
  name: string;
  role: Role;
}

export interface LogonSession {
  id: string;
  token: string;
  user: string;
  createdAt: number;
  lastUsedAt: number;
}

interface SessionRow {
  id: string;
  token: string;
  user: string;
  created_at: number;
  last_used_at: number;
}

const toSession = (r: SessionRow): LogonSession => ({ id: r.id, token: r.token, user: r.user, createdAt: r.created_at, lastUsedAt: r.last_used_at });

export class Logons {
  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    private readonly rng: Rng,
  ) {}

  addUser(name: string, password: string, role: Role): void {
    this.store.run('INSERT INTO veeam_users (name, password, role) VALUES (?, ?, ?)', name, password, role);
  }

  /** The user for Basic credentials; a DOMAIN\ or HOST\ prefix is accepted as Windows clients send it. */
  checkPassword(name: string, password: string): User | undefined {
    const bare = name.includes('\\') ? name.slice(name.lastIndexOf('\\') + 1) : name;
    const row = this.store.get<{ name: string; password: string; role: Role }>('SELECT * FROM veeam_users WHERE lower(name) = lower(?)', bare);
    return row && row.password === password ? { name: row.name, role: row.role } : undefined;
  }

  user(name: string): User | undefined {
    return this.store.get<User>('SELECT name, role FROM veeam_users WHERE name = ?', name);
  }

  open(user: string): LogonSession {
    const id = this.rng.uuid();
    const token = Buffer.from(id, 'utf8').toString('base64');
    const now = this.clock.now();
    this.store.run('INSERT INTO veeam_logon_sessions (id, token, user, created_at, last_used_at) VALUES (?, ?, ?, ?, ?)', id, token, user, now, now);
    return { id, token, user, createdAt: now, lastUsedAt: now };
  }

  /** The live session behind a token, touched; an idle one is removed and reported as expired. */
  use(token: string): LogonSession | 'expired' | undefined {
    const row = this.store.get<SessionRow>('SELECT * FROM veeam_logon_sessions WHERE token = ?', token);
    if (!row) return undefined;
    const now = this.clock.now();
    if (now - row.last_used_at > IDLE_TIMEOUT_MS) {
      this.close(row.id);
      return 'expired';
    }
    if (now - row.last_used_at >= TOUCH_GRANULARITY_MS) this.store.run('UPDATE veeam_logon_sessions SET last_used_at = ? WHERE id = ?', now, row.id);
    return toSession({ ...row, last_used_at: now });
  }

  /** Live sessions (idle ones are dropped first). */
  list(): LogonSession[] {
    this.store.run('DELETE FROM veeam_logon_sessions WHERE last_used_at < ?', this.clock.now() - IDLE_TIMEOUT_MS);
    return this.store.all<SessionRow>('SELECT * FROM veeam_logon_sessions ORDER BY created_at, id').map(toSession);
  }

  require(id: string): LogonSession {
    const session = this.list().find((s) => s.id === id.toLowerCase());
    if (!session) throw notFound(`Logon session with ID '${id}' was not found.`);
    return session;
  }

  close(id: string): void {
    this.store.run('DELETE FROM veeam_logon_sessions WHERE id = ?', id);
  }
}
