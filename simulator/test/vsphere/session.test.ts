import { describe, expect, it } from 'vitest';
import { ADMIN, basic, errorOf, READONLY, VsphereClient, withVsphere } from './client.js';

describe('vSphere sessions', () => {
  it('creates a session from Basic credentials: 201 and the id as a bare JSON string', () =>
    withVsphere(async (vc) => {
      const res = await vc.raw('POST', '/api/session', undefined, { authorization: basic(READONLY) });
      expect(res.status).toBe(201);
      expect(res.body).toMatch(/^[0-9a-f]{32}$/);
      const info = await vc.raw('GET', '/api/session', undefined, { 'vmware-api-session-id': res.body });
      expect(info.status).toBe(200);
      expect(info.body).toMatchObject({ user: READONLY, created_time: '2025-01-01T00:00:00.000Z' });
    }));

  it('refuses wrong, missing and malformed credentials with 401 UNAUTHENTICATED', () =>
    withVsphere(async (vc) => {
      for (const authorization of [basic(ADMIN, 'wrong'), basic('nobody@vsphere.local'), 'Basic !!!', 'Bearer x']) {
        const res = await vc.raw('POST', '/api/session', undefined, { authorization });
        expect(errorOf(res)).toEqual({ status: 401, type: 'UNAUTHENTICATED', id: 'com.vmware.vapi.endpoint.method.authentication.required' });
      }
      expect((await vc.raw('POST', '/api/session')).status).toBe(401);
    }));

  it('answers 401 without a session, with an unknown one, and after DELETE /api/session', () =>
    withVsphere(async (vc) => {
      expect(errorOf(await vc.raw('GET', '/api/vcenter/vm'))).toMatchObject({ status: 401, type: 'UNAUTHENTICATED' });
      expect((await vc.raw('GET', '/api/vcenter/vm', undefined, { 'vmware-api-session-id': 'f'.repeat(32) })).status).toBe(401);
      expect((await vc.request('GET', '/api/vcenter/vm')).status).toBe(200);
      expect((await vc.request('DELETE', '/api/session')).status).toBe(204);
      expect((await vc.request('GET', '/api/vcenter/vm')).status).toBe(401);
    }));

  it('expires a session after 30 minutes without use on the virtual clock; each use renews it', () =>
    withVsphere(async (vc) => {
      await vc.advance(29 * 60);
      expect((await vc.request('GET', '/api/session')).status).toBe(200);
      await vc.advance(29 * 60);
      const info = await vc.request('GET', '/api/session');
      expect(info.status).toBe(200);
      expect(info.body.last_accessed_time).toBe('2025-01-01T00:58:00.000Z');
      await vc.advance(30 * 60 + 1);
      expect(errorOf(await vc.request('GET', '/api/session'))).toMatchObject({ status: 401, type: 'UNAUTHENTICATED' });
    }));

  it('keeps a session across a restart of the simulator on the same store', async () => {
    const { mkdtempSync, rmSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const { vsphereSimulator } = await import('./client.js');
    const dir = mkdtempSync(join(tmpdir(), 'hypersim-vs-'));
    try {
      const first = vsphereSimulator({ dataDir: dir });
      const vc = await new VsphereClient(first).login();
      first.close();
      const second = vsphereSimulator({ dataDir: dir });
      const again = new VsphereClient(second);
      again.session = vc.session;
      expect((await again.request('GET', '/api/session')).body.user).toBe(ADMIN);
      second.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
