// Users, API tokens, tickets and CSRF tokens. Tickets are signed (HMAC) rather than stored, as PVE does,
// so checking one costs no query; they expire two hours after issue on the virtual clock.
import { createHmac } from 'node:crypto';
import type { Clock } from '../../../core/clock.js';
import { hashPassword, sameSecret } from '../../../core/secrets.js';
import type { Store } from '../../../core/store.js';

export const TICKET_LIFETIME_S = 2 * 60 * 60;

export interface User {
  userid: string;
  /** privilege names, or ['*'] for all */
  privileges: string[];
  enabled: boolean;
}

export class Access {
  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
  ) {}

  addUser(userid: string, password: string, privileges: string[]): void {
    this.users.delete(userid);
    this.store.run('INSERT INTO pve_users (userid, password, privileges, enabled) VALUES (?, ?, ?, 1)', userid, hashPassword(password), JSON.stringify(privileges));
  }

  addToken(tokenid: string, secret: string): void {
    const userid = tokenid.split('!')[0] ?? '';
    this.store.run('INSERT INTO pve_tokens (tokenid, userid, secret) VALUES (?, ?, ?)', tokenid, userid, secret);
  }

  /** users and verified tickets, remembered between requests (dropped with forgetKey) */
  private readonly users = new Map<string, User | undefined>();
  private readonly tickets = new Map<string, { userid: string; issuedAt: number }>();
  private readonly csrfTokens = new Set<string>();

  user(userid: string): User | undefined {
    if (this.users.has(userid)) return this.users.get(userid);
    const user = this.loadUser(userid);
    this.users.set(userid, user);
    return user;
  }

  private loadUser(userid: string): User | undefined {
    const row = this.store.get<{ userid: string; privileges: string; enabled: number }>('SELECT userid, privileges, enabled FROM pve_users WHERE userid = ?', userid);
    return row ? { userid: row.userid, privileges: JSON.parse(row.privileges) as string[], enabled: row.enabled === 1 } : undefined;
  }

  allUsers(): User[] {
    return this.store
      .all<{ userid: string; privileges: string; enabled: number }>('SELECT userid, privileges, enabled FROM pve_users ORDER BY userid')
      .map((row) => ({ userid: row.userid, privileges: JSON.parse(row.privileges) as string[], enabled: row.enabled === 1 }));
  }

  /** The token names (the part after '!') of a user. */
  tokensOf(userid: string): string[] {
    return this.store.all<{ tokenid: string }>('SELECT tokenid FROM pve_tokens WHERE userid = ? ORDER BY tokenid', userid).map((r) => r.tokenid.slice(r.tokenid.indexOf('!') + 1));
  }

  checkPassword(userid: string, password: string): boolean {
    const row = this.store.get<{ password: string }>('SELECT password FROM pve_users WHERE userid = ? AND enabled = 1', userid);
    return row !== undefined && sameSecret(row.password, hashPassword(password));
  }

  /** The user behind `USER@REALM!TOKENID` when the secret matches. */
  checkToken(tokenid: string, secret: string): User | undefined {
    const row = this.store.get<{ userid: string; secret: string }>('SELECT userid, secret FROM pve_tokens WHERE tokenid = ?', tokenid);
    if (!row || !sameSecret(row.secret, secret)) return undefined;
    return this.user(row.userid);
  }

  issueTicket(userid: string): { ticket: string; csrf: string } {
    const stamp = Math.floor(this.clock.now() / 1000).toString(16).toUpperCase().padStart(8, '0');
    const data = `PVE:${userid}:${stamp}`;
    return { ticket: `${data}::${this.sign(data)}`, csrf: `${stamp}:${this.sign(`${stamp}:${userid}`).slice(0, 43)}` };
  }

  /** The user id of a valid, unexpired ticket. */
  verifyTicket(ticket: string): string | undefined {
    let known = this.tickets.get(ticket);
    if (!known) {
      const m = /^PVE:([^:]+):([0-9A-F]{8})::(.+)$/.exec(ticket);
      if (!m) return undefined;
      const [, userid, stamp, signature] = m as unknown as [string, string, string, string];
      if (!sameSecret(signature, this.sign(`PVE:${userid}:${stamp}`))) return undefined;
      known = { userid, issuedAt: parseInt(stamp, 16) };
      if (this.tickets.size >= 10_000) this.tickets.clear();
      this.tickets.set(ticket, known);
    }
    const age = this.clock.now() / 1000 - known.issuedAt;
    return age >= -300 && age <= TICKET_LIFETIME_S ? known.userid : undefined;
  }

  verifyCsrf(token: string, userid: string): boolean {
    const [stamp, signature] = token.split(':');
    if (!stamp || !signature || !/^[0-9A-F]{8}$/.test(stamp)) return false;
    const age = this.clock.now() / 1000 - parseInt(stamp, 16);
    if (age < -300 || age > TICKET_LIFETIME_S) return false;
    const key = `${userid} ${token}`;
    if (this.csrfTokens.has(key)) return true;
    if (!sameSecret(signature, this.sign(`${stamp}:${userid}`).slice(0, 43))) return false;
    if (this.csrfTokens.size >= 10_000) this.csrfTokens.clear();
    this.csrfTokens.add(key);
    return true;
  }

  private sign(data: string): string {
    return createHmac('sha256', this.key()).update(data).digest('base64');
  }

  private cachedKey: string | undefined;
  private key(): string {
    this.cachedKey ??= this.store.getMeta<string>('pve.authkey');
    if (!this.cachedKey) throw new Error('the PVE auth key is missing: load a scenario first');
    return this.cachedKey;
  }

  setKey(key: string): void {
    this.store.setMeta('pve.authkey', key);
    this.cachedKey = key;
  }

  forgetKey(): void {
    this.cachedKey = undefined;
    this.users.clear();
    this.tickets.clear();
    this.csrfTokens.clear();
  }
}



/** PVE's capability map for a user, by area: what the GUI and clients read from the ticket answer. */
export function capabilities(user: User): Record<string, Record<string, 1>> {
  const all = user.privileges.includes('*');
  const areas: Record<string, string[]> = {
    vms: ['VM.Allocate', 'VM.Audit', 'VM.Clone', 'VM.Config.CPU', 'VM.Config.Cloudinit', 'VM.Config.Disk', 'VM.Config.Memory', 'VM.Config.Options', 'VM.PowerMgmt'],
    storage: ['Datastore.Allocate', 'Datastore.AllocateSpace', 'Datastore.Audit'],
    nodes: ['Sys.Audit', 'Sys.Modify', 'Sys.PowerMgmt'],
    access: ['User.Modify', 'Permissions.Modify'],
    dc: ['Sys.Audit'],
  };
  const cap: Record<string, Record<string, 1>> = {};
  for (const [area, privileges] of Object.entries(areas)) {
    cap[area] = {};
    for (const p of privileges) if (all || user.privileges.includes(p)) cap[area]![p] = 1;
  }
  return cap;
}
