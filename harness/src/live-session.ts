// The run's current credentials: logs in once, again after the simulator is reset, and again shortly
// before the credentials expire (PVE tickets last two hours). Everything that needs credentials holds
// this one object, so a renewal reaches every worker at once.
import type { AuthSession } from './auth.js';
import type { SentRequest } from './types.js';

const RENEW_MARGIN_MS = 5 * 60 * 1000;

export class LiveSession implements AuthSession {
  private renewal: Promise<void> | undefined;

  private constructor(
    private readonly login: () => Promise<AuthSession>,
    private current: AuthSession,
  ) {}

  static async open(login: () => Promise<AuthSession>): Promise<LiveSession> {
    return new LiveSession(login, await login());
  }

  apply(request: SentRequest): SentRequest {
    return this.current.apply(request);
  }

  strip(request: SentRequest): SentRequest {
    return this.current.strip(request);
  }

  forge(request: SentRequest): SentRequest {
    return this.current.forge(request);
  }

  get secrets() {
    return this.current.secrets;
  }

  get description(): string {
    return this.current.description;
  }

  get expiresAt(): number | undefined {
    return this.current.expiresAt;
  }

  async relogin(): Promise<void> {
    this.renewal ??= this.login()
      .then((fresh) => {
        this.current = fresh;
      })
      .finally(() => {
        this.renewal = undefined;
      });
    await this.renewal;
  }

  async renewIfExpiring(): Promise<void> {
    const expiresAt = this.current.expiresAt;
    if (expiresAt !== undefined && Date.now() >= expiresAt - RENEW_MARGIN_MS) await this.relogin();
  }
}
