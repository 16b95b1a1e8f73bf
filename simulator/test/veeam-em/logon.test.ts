import { describe, expect, it } from 'vitest';
import { basic, BASE, child, NS, VeeamClient, withVeeam } from './client.js';

describe('Veeam EM entry point and logon', () => {
  it('serves the entry point without a session, in XML by default and in JSON on request', () =>
    withVeeam(async (sim) => {
      const client = new VeeamClient(sim);
      const xml = await client.get('/');
      expect(xml.status).toBe(200);
      expect(xml.headers.get('content-type')).toBe('application/xml; charset=utf-8');
      expect(xml.xml?.name).toBe('EnterpriseManager');
      expect(xml.xml?.attributes.xmlns).toBe(NS);
      expect(child(xml.xml, 'SupportedVersions')?.children.map((v) => v.attributes.Name)).toEqual(['v1_5', 'v1_6', 'v1_7']);
      expect(child(child(xml.xml, 'Links'), 'Link')?.attributes).toEqual({ Rel: 'Create', Type: 'LogonSession', Href: `${BASE}/sessionMngr/?v=latest` });
      const json = await client.get('/', true);
      expect(json.json.Links).toEqual([{ Rel: 'Create', Type: 'LogonSession', Href: `${BASE}/sessionMngr/?v=latest` }]);
      expect(json.json.SupportedVersions.map((v: any) => v.Name)).toEqual(['v1_5', 'v1_6', 'v1_7']);
    }));

  it('logs on with Basic credentials: 201, the token in a header and a cookie, a LogonSession body', () =>
    withVeeam(async (sim) => {
      const client = new VeeamClient(sim);
      const res = await client.send('POST', '/sessionMngr/?v=latest', { headers: { authorization: basic('Administrator', 'hypersim') } });
      expect(res.status).toBe(201);
      const token = res.headers.get('x-restsvcsessionid')!;
      const sessionId = child(res.xml, 'SessionId')!.text;
      expect(Buffer.from(token, 'base64').toString()).toBe(sessionId);
      expect(res.headers.get('set-cookie')).toContain(`X-RestSvcSessionId=${token}`);
      expect(res.xml?.attributes).toMatchObject({ Type: 'LogonSession', UID: `urn:veeam:LogonSession:${sessionId}`, Href: `${BASE}/logonSessions/${sessionId}` });
      expect(res.xml?.children.map((c) => c.name)).toEqual(['Links', 'UserName', 'SessionId']);
      expect(child(res.xml, 'UserName')?.text).toBe('Administrator');
      // the cookie alone authenticates too
      const viaCookie = await sim.fetch('veeam-em')(new Request(`${BASE}/jobs`, { headers: { cookie: `X-RestSvcSessionId=${token}` } }));
      expect(viaCookie.status).toBe(200);
      // a DOMAIN\ prefix and JSON work as well
      const json = await client.send('POST', '/sessionMngr/', { json: true, headers: { authorization: basic('EM01\\operator', 'hypersim') } });
      expect(json.status).toBe(201);
      expect(json.json).toMatchObject({ Type: 'LogonSession', UserName: 'operator' });
      expect(json.json.Links.at(-1)).toMatchObject({ Rel: 'Delete', Type: 'LogonSession' });
    }));

  it('refuses bad or missing credentials with 401 and the Basic challenge, in both representations', () =>
    withVeeam(async (sim) => {
      const client = new VeeamClient(sim);
      const wrong = await client.send('POST', '/sessionMngr/?v=latest', { headers: { authorization: basic('Administrator', 'nope') } });
      expect(wrong.status).toBe(401);
      expect(wrong.headers.get('www-authenticate')).toBe('Basic Realm=RestSvc');
      expect(wrong.xml).toMatchObject({ name: 'Error', attributes: { xmlns: NS, StatusCode: '401', Message: 'Authentication failed: incorrect user name or password.' } });
      const missing = await client.send('POST', '/sessionMngr/?v=latest', { json: true });
      expect(missing.status).toBe(401);
      expect(missing.headers.get('www-authenticate')).toBe('Basic Realm=RestSvc');
      expect(missing.json).toEqual({ FirstChanceExceptionMessage: null, Message: expect.stringContaining('Basic authentication'), StackTrace: null, Status: null, StatusCode: 401 });
      const badVersion = await client.send('POST', '/sessionMngr/?v=v9', { headers: { authorization: basic('Administrator', 'hypersim') } });
      expect(badVersion.status).toBe(400);
    }));

  it('lists, reads and deletes logon sessions; a deleted session no longer works', () =>
    withVeeam(async (sim) => {
      const admin = await new VeeamClient(sim).logon();
      const operator = await new VeeamClient(sim).logon('operator');
      const all = await admin.get('/logonSessions', true);
      expect(all.json.LogonSessions.map((s: any) => s.UserName)).toEqual(['Administrator', 'operator']);
      const own = await operator.get('/logonSessions');
      expect(own.xml?.children.map((s) => child(s, 'UserName')?.text)).toEqual(['operator']);
      const operatorId = Buffer.from(operator.token!, 'base64').toString();
      expect((await admin.get(`/logonSessions/${operatorId}`, true)).json.UserName).toBe('operator');
      // the operator cannot see the administrator's session
      const adminId = Buffer.from(admin.token!, 'base64').toString();
      expect((await operator.get(`/logonSessions/${adminId}`)).status).toBe(404);
      expect((await operator.send('DELETE', `/logonSessions/${operatorId}`)).status).toBe(204);
      const after = await operator.get('/jobs', true);
      expect(after.status).toBe(401);
      expect(after.json.Message).toMatch(/does not exist or has been closed/);
      expect((await admin.get(`/logonSessions/${operatorId}`)).status).toBe(404);
    }));

  it('ends a session after 15 minutes without a request, on the virtual clock', () =>
    withVeeam(async (sim) => {
      const client = await new VeeamClient(sim).logon();
      await client.advance(14 * 60);
      expect((await client.get('/jobs')).status).toBe(200);
      // that request renewed it: another 14 minutes are fine
      await client.advance(14 * 60);
      expect((await client.get('/jobs')).status).toBe(200);
      await client.advance(15 * 60 + 1);
      const expired = await client.get('/jobs', true);
      expect(expired.status).toBe(401);
      expect(expired.json.Message).toBe('The logon session has expired. Log on again.');
      // and it is gone for good
      expect((await client.get('/jobs')).status).toBe(401);
    }));

  it('answers 401 without a session token', () =>
    withVeeam(async (sim) => {
      const res = await new VeeamClient(sim).get('/jobs');
      expect(res.status).toBe(401);
      expect(res.xml?.attributes.Message).toMatch(/X-RestSvcSessionId/);
    }));
});
