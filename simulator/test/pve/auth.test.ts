import { describe, expect, it } from 'vitest';
import { PveTestClient, pveClient, withSimulator } from '../helpers.js';

describe('PVE authentication', () => {
  it('issues a ticket and CSRF token for good credentials, and refuses bad ones', () =>
    withSimulator(async (sim) => {
      const anon = new PveTestClient(sim);
      const ok = await anon.request('POST', '/access/ticket', { username: 'root', realm: 'pam', password: 'hypersim' });
      expect(ok.status).toBe(200);
      expect(ok.body.data).toMatchObject({ username: 'root@pam', ticket: expect.stringMatching(/^PVE:root@pam:[0-9A-F]{8}::/), CSRFPreventionToken: expect.any(String) });
      expect(ok.body.data.cap.vms['VM.Clone']).toBe(1);
      const bad = await anon.request('POST', '/access/ticket', { username: 'root@pam', password: 'wrong' });
      expect([bad.status, bad.statusText, bad.body]).toEqual([401, 'authentication failure', { data: null, message: 'authentication failure\n' }]);
    }));

  it('answers 401 No ticket without credentials, and rejects forged tickets', () =>
    withSimulator(async (sim) => {
      const anon = new PveTestClient(sim);
      const none = await anon.request('GET', '/nodes');
      expect([none.status, none.statusText]).toEqual([401, 'No ticket']);
      const forged = await anon.request('GET', '/nodes', undefined, { cookie: 'PVEAuthCookie=PVE:root@pam:67748580::Zm9yZ2Vk' });
      expect(forged.status).toBe(401);
    }));

  it('needs the CSRF token on writes with a ticket, but not with an API token', () =>
    withSimulator(async (sim) => {
      const pve = await pveClient(sim);
      const cookieOnly = { cookie: pve.authHeaders.cookie! };
      const res = await new PveTestClient(sim).request('POST', '/nodes/pve1/qemu/101/status/start', {}, cookieOnly);
      expect([res.status, res.statusText]).toEqual([401, 'Permission denied - invalid csrf token']);
      expect((await new PveTestClient(sim).request('GET', '/nodes', undefined, cookieOnly)).status).toBe(200);
      const token = new PveTestClient(sim).useToken();
      expect((await token.request('POST', '/nodes/pve1/qemu/101/status/start', {})).status).toBe(200);
      const badToken = new PveTestClient(sim).useToken('root@pam!ci=00000000-0000-0000-0000-000000000000');
      expect((await badToken.request('GET', '/nodes')).status).toBe(401);
    }));

  it('expires tickets after two hours of virtual time', () =>
    withSimulator(async (sim) => {
      const pve = await pveClient(sim);
      await pve.advance(60 * 60);
      expect((await pve.request('GET', '/version')).status).toBe(200);
      await pve.advance(60 * 61);
      expect((await pve.request('GET', '/version')).status).toBe(401);
    }));

  it('lets alice read but not clone or delete (403 with the privilege named)', () =>
    withSimulator(async (sim) => {
      const alice = await new PveTestClient(sim).login('alice@pve', 'hypersim');
      expect((await alice.request('GET', '/nodes/pve1/qemu')).body.data.length).toBeGreaterThan(0);
      const clone = await alice.request('POST', '/nodes/pve1/qemu/9000/clone', { newid: 300 });
      expect([clone.status, clone.statusText]).toEqual([403, 'Permission check failed (/vms/9000, VM.Clone)']);
      const del = await alice.request('DELETE', '/nodes/pve1/qemu/101');
      expect([del.status, del.statusText]).toEqual([403, 'Permission check failed (/vms/101, VM.Allocate)']);
      expect((await alice.request('GET', '/nodes/pve1/qemu/300/config')).status).toBe(500);
    }));
});
