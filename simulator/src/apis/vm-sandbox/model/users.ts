// Users, their API keys and limits, and the bearer tokens of the OAuth2 password flow. Users change only
// when a scenario is loaded, so they are read once and kept in memory.
import type { Clock } from '../../../core/clock.js';
import type { Rng } from '../../../core/rng.js';
import type { Store } from '../../../core/store.js';

export interface SandboxUser {
  username: string;
  password: string;
  apiKey: string | null;
  /** VMs (provisioning or running) the user may hold at once */
  maxVms: number;
  /** total memory of those VMs, MiB */
  maxMemoryMb: number;
}

/** FastAPI's tutorial default, on the simulator's clock. */
export const TOKEN_LIFETIME_MS = 30 * 60 * 1000;

export class Users {
  private byName: Map<string, SandboxUser> | undefined;
  private byKey: Map<string, SandboxUser> | undefined;

  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    private readonly rng: Rng,
  ) {}

  forgetCaches(): void {
    this.byName = undefined;
    this.byKey = undefined;
  }

  all(): SandboxUser[] {
    return [...this.names().values()];
  }

  get(username: string): SandboxUser | undefined {
    return this.names().get(username);
  }

  withKey(key: string): SandboxUser | undefined {
    this.byKey ??= new Map(this.all().filter((u) => u.apiKey !== null).map((u) => [u.apiKey as string, u]));
    return this.byKey.get(key);
  }

  add(user: SandboxUser): void {
    this.store.run(
      'INSERT INTO sandbox_users (username, password, api_key, max_vms, max_memory_mb) VALUES (?, ?, ?, ?, ?)',
      user.username, user.password, user.apiKey, user.maxVms, user.maxMemoryMb,
    );
    this.forgetCaches();
  }

  /** A new bearer token for the user, valid for TOKEN_LIFETIME_MS. */
  issueToken(username: string): string {
    const token = this.rng.hex(40);
    this.store.run('INSERT INTO sandbox_tokens (token, username, expires_at) VALUES (?, ?, ?)', token, username, this.clock.now() + TOKEN_LIFETIME_MS);
    return token;
  }

  withToken(token: string): SandboxUser | undefined {
    const row = this.store.get<{ username: string; expires_at: number }>('SELECT username, expires_at FROM sandbox_tokens WHERE token = ?', token);
    if (!row || row.expires_at <= this.clock.now()) return undefined;
    return this.get(row.username);
  }

  private names(): Map<string, SandboxUser> {
    this.byName ??= new Map(
      this.store
        .all<Record<string, any>>('SELECT * FROM sandbox_users ORDER BY username')
        .map((r) => [r.username, { username: r.username, password: r.password, apiKey: r.api_key, maxVms: r.max_vms, maxMemoryMb: r.max_memory_mb }]),
    );
    return this.byName;
  }
}
