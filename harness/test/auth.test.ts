import { describe, expect, it } from 'vitest';
import { pveAuth } from '../../contracts/pve/auth.js';
import { genericRecipe, headerOnlySession } from '../src/auth.js';
import type { ReceivedResponse, SentRequest } from '../src/types.js';

const BASE = 'https://pve.test:8006/api2/json';
const TICKET = 'PVE:root@pam:6748E2D0::c2lnbmF0dXJl+/=';

function ticketServer(sent: SentRequest[]) {
  return {
    baseUrl: BASE,
    async send(request: SentRequest): Promise<ReceivedResponse> {
      sent.push(request);
      const form = new URLSearchParams(request.body ?? '');
      const ok = form.get('username') === 'root@pam' && form.get('password') === 'pw:with:colons';
      const json = ok ? { data: { username: 'root@pam', ticket: TICKET, CSRFPreventionToken: '6748E2D0:Y3NyZg' } } : { data: null };
      return { status: ok ? 200 : 401, statusText: ok ? 'OK' : 'authentication failure', headers: {}, bodyText: JSON.stringify(json), json, elapsedMs: 1 };
    },
  };
}

const get: SentRequest = { method: 'GET', url: `${BASE}/version`, headers: { Accept: 'application/json' } };
const post: SentRequest = { method: 'POST', url: `${BASE}/nodes/pve1/qemu/100/clone`, headers: { Cookie: 'a=b' }, body: 'newid=200' };

describe('PVE login recipe', () => {
  it('logs in with a form body and sends the ticket cookie, plus CSRF on non-GET', async () => {
    const sent: SentRequest[] = [];
    const session = await pveAuth.login('root@pam:pw:with:colons', {}, ticketServer(sent));
    expect(sent[0]).toMatchObject({ method: 'POST', url: `${BASE}/access/ticket`, headers: { 'Content-Type': 'application/x-www-form-urlencoded' } });
    expect(session.apply(get).headers).toEqual({ Accept: 'application/json', Cookie: `PVEAuthCookie=${TICKET}` });
    expect(session.apply(post).headers).toEqual({ Cookie: `a=b; PVEAuthCookie=${TICKET}`, CSRFPreventionToken: '6748E2D0:Y3NyZg' });
    expect(session.secrets.map((secret) => secret.value)).toEqual([TICKET, '6748E2D0:Y3NyZg']);
  });

  it('forges a ticket of the same shape that cannot verify, and strips every credential', async () => {
    const session = await pveAuth.login('root@pam:pw:with:colons', {}, ticketServer([]));
    const forged = session.forge(session.apply(post));
    const cookie = forged.headers.Cookie ?? '';
    expect(cookie).toMatch(/^PVEAuthCookie=PVE:root@pam:6748E2D0::/);
    expect(cookie).not.toContain(TICKET);
    expect(forged.headers.CSRFPreventionToken).not.toBe('6748E2D0:Y3NyZg');
    expect(session.strip(session.apply(post)).headers).toEqual({});
  });

  it('uses an API token without logging in', async () => {
    const sent: SentRequest[] = [];
    for (const auth of ['PVEAPIToken=root@pam!ci=1234-abcd', 'root@pam!ci=1234-abcd']) {
      const session = await pveAuth.login(auth, {}, ticketServer(sent));
      expect(session.apply(post).headers.Authorization).toBe('PVEAPIToken=root@pam!ci=1234-abcd');
      expect(session.forge(post).headers.Authorization).toBe('PVEAPIToken=root@pam!ci=0000-xxxx');
    }
    expect(sent).toEqual([]);
  });

  it('reports a failed login and a malformed --auth', async () => {
    await expect(pveAuth.login('root@pam:wrong', {}, ticketServer([]))).rejects.toThrow(/PVE login as root@pam failed: 401 authentication failure/);
    await expect(pveAuth.login('nocolon', {}, ticketServer([]))).rejects.toThrow(/USER@REALM:PASSWORD/);
  });

  it('recognises a PVE document by its ticket operation', () => {
    const operation = { method: 'POST', path: '/access/ticket' } as never;
    expect(pveAuth.matches([operation])).toBe(true);
    expect(pveAuth.matches([])).toBe(false);
  });
});

describe('header-only sessions', () => {
  it('keep the scheme when forging and remove credential headers when stripping', async () => {
    const session = headerOnlySession({ Authorization: 'Bearer abc123', 'X-API-Key': 'k-42' });
    const request = session.apply({ method: 'GET', url: 'https://h/x', headers: { 'X-Trace': '1' } });
    expect(request.headers).toEqual({ 'X-Trace': '1', Authorization: 'Bearer abc123', 'X-API-Key': 'k-42' });
    expect(session.forge(request).headers).toEqual({ 'X-Trace': '1', Authorization: 'Bearer xxx000', 'X-API-Key': 'x-00' });
    expect(session.strip(request).headers).toEqual({ 'X-Trace': '1' });
    await expect(genericRecipe.login('user:pw', {}, { baseUrl: '', send: async () => ({}) as never })).rejects.toThrow(/--auth needs an API with a login recipe/);
  });
});

describe('login recipes of the other APIs', () => {
  function fakeServer(answer: (request: SentRequest) => Partial<ReceivedResponse>) {
    const sent: SentRequest[] = [];
    return {
      sent,
      http: {
        baseUrl: 'https://h/api',
        async send(request: SentRequest): Promise<ReceivedResponse> {
          sent.push(request);
          return { status: 200, statusText: '', headers: {}, bodyText: '', elapsedMs: 1, ...answer(request) };
        },
      },
    };
  }
  const plain: SentRequest = { method: 'GET', url: 'https://h/api/x', headers: {} };

  it('vCenter: Basic auth to /session, then vmware-api-session-id', async () => {
    const { vsphereAuth } = await import('../../contracts/vsphere/auth.js');
    const server = fakeServer(() => ({ status: 201, json: 'sess-1234' }));
    const session = await vsphereAuth.login('administrator@vsphere.local:pw', {}, server.http);
    expect(server.sent[0]).toMatchObject({ method: 'POST', url: 'https://h/api/session', headers: { Authorization: `Basic ${Buffer.from('administrator@vsphere.local:pw').toString('base64')}` } });
    expect(session.apply(plain).headers).toEqual({ 'vmware-api-session-id': 'sess-1234' });
    expect(session.forge(plain).headers).toEqual({ 'vmware-api-session-id': 'xxxx-0000' });
  });

  it('Veeam: the session id comes back in a response header', async () => {
    const { veeamAuth } = await import('../../contracts/veeam-em/auth.js');
    const server = fakeServer(() => ({ status: 201, headers: { 'x-restsvcsessionid': 'NWY4' } }));
    const session = await veeamAuth.login('DOMAIN\\user:pw', {}, server.http);
    expect(server.sent[0]?.url).toBe('https://h/api/sessionMngr/?v=latest');
    expect(session.apply(plain).headers).toEqual({ 'X-RestSvcSessionId': 'NWY4' });
    await expect(veeamAuth.login('u:p', {}, fakeServer(() => ({ status: 401 })).http)).rejects.toThrow(/Veeam login as u failed: 401/);
  });

  it('management layer: JSON login, bearer token from the envelope', async () => {
    const { pveManagerAuth } = await import('../../contracts/pve-manager/auth.js');
    const server = fakeServer(() => ({ json: { code: 200, message: 'ok', data: { token: 'eyJ.abc.def' } } }));
    const session = await pveManagerAuth.login('alice@example.com:pw', {}, server.http);
    expect(JSON.parse(server.sent[0]?.body ?? '')).toEqual({ email: 'alice@example.com', password: 'pw' });
    expect(session.apply(plain).headers).toEqual({ Authorization: 'Bearer eyJ.abc.def' });
    expect(session.forge(plain).headers.Authorization).toBe('Bearer xxX.xxx.xxx');
  });

  it('sandbox: an API key as is, or the OAuth2 password flow', async () => {
    const { vmSandboxAuth } = await import('../../contracts/vm-sandbox/auth.js');
    const keyServer = fakeServer(() => ({}));
    expect((await vmSandboxAuth.login('key-123', {}, keyServer.http)).apply(plain).headers).toEqual({ 'X-API-Key': 'key-123' });
    expect(keyServer.sent).toEqual([]);
    const tokenServer = fakeServer(() => ({ json: { access_token: 'tok', token_type: 'bearer' } }));
    const session = await vmSandboxAuth.login('bob:pw', {}, tokenServer.http);
    expect(tokenServer.sent[0]?.body).toBe('grant_type=password&username=bob&password=pw');
    expect(session.apply(plain).headers).toEqual({ Authorization: 'Bearer tok' });
  });
});
