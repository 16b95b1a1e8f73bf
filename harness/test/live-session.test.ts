import { describe, expect, it } from 'vitest';
import { headerOnlySession, type AuthSession } from '../src/auth.js';
import { LiveSession } from '../src/live-session.js';

describe('LiveSession', () => {
  it('logs in again when the credentials are about to expire, once for all concurrent callers', async () => {
    let logins = 0;
    const login = async (): Promise<AuthSession> => {
      logins += 1;
      return { ...headerOnlySession({ Authorization: `Bearer t${logins}` }), expiresAt: logins === 1 ? Date.now() + 60_000 : Date.now() + 3_600_000 };
    };
    const session = await LiveSession.open(login);
    expect(session.apply({ method: 'GET', url: 'u', headers: {} }).headers.Authorization).toBe('Bearer t1');
    await Promise.all([session.renewIfExpiring(), session.renewIfExpiring(), session.renewIfExpiring()]);
    expect(logins).toBe(2);
    expect(session.apply({ method: 'GET', url: 'u', headers: {} }).headers.Authorization).toBe('Bearer t2');
    await session.renewIfExpiring();
    expect(logins).toBe(2);
  });

  it('never renews credentials without an expiry, and can be told to log in again', async () => {
    let logins = 0;
    const session = await LiveSession.open(async () => {
      logins += 1;
      return headerOnlySession({});
    });
    await session.renewIfExpiring();
    expect(logins).toBe(1);
    await session.relogin();
    expect(logins).toBe(2);
  });
});
