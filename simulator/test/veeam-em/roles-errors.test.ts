import { describe, expect, it } from 'vitest';
import { adminClient, JOBS, NS, REPOSITORIES, VeeamClient, withVeeam } from './client.js';

const JSON_ERROR = (status: number, message: string) => ({ FirstChanceExceptionMessage: null, Message: message, StackTrace: null, Status: null, StatusCode: status });

describe('roles', () => {
  it('lets a Restore Operator read everything but not clone, start, stop or retry (403)', () =>
    withVeeam(async (sim) => {
      const operator = await new VeeamClient(sim).logon('operator');
      for (const path of ['/jobs', `/jobs/${JOBS.backup}?format=Entity`, '/repositories?format=Entity', `/repositories/${REPOSITORIES.default}`, '/backupServers', '/tasks', '/backupSessions', '/logonSessions'])
        expect((await operator.get(path)).status, path).toBe(200);
      for (const action of ['start', 'stop', 'retry']) {
        const res = await operator.send('POST', `/jobs/${JOBS.backup}?action=${action}`, { json: true });
        expect(res.status).toBe(403);
        expect(res.json.Message).toMatch(/^Access denied: user 'operator' \(Restore Operator\) is not allowed to perform \w+Job\.$/);
      }
      const clone = await operator.send('POST', `/jobs/${JOBS.replica}?action=clone`, { body: { ReplicaJobCloneInfo: { JobName: 'No', VmSuffix: '_r' } } });
      expect(clone.status).toBe(403);
      expect(clone.xml).toMatchObject({ name: 'Error', attributes: { xmlns: NS, StatusCode: '403', Message: "Access denied: user 'operator' (Restore Operator) is not allowed to perform cloneJob." } });
      expect((await operator.get('/tasks', true)).json.Tasks).toEqual([]);
      // the administrator may do all of it
      const admin = await adminClient(sim);
      expect((await admin.send('POST', `/jobs/${JOBS.backup}?action=start`)).status).toBe(202);
    }));
});

describe('error shapes', () => {
  it("answers each error in the representation asked for, in Veeam's shape", () =>
    withVeeam(async (sim) => {
      const anonymous = new VeeamClient(sim);
      const admin = await adminClient(sim);
      const cases: Array<[VeeamClient, string, string, number, string | RegExp]> = [
        [admin, 'GET', '/jobs?format=Everything', 400, "The query parameter 'format' is not valid: 'format' must be one of Entity, not 'Everything'."],
        [anonymous, 'GET', '/jobs', 401, /X-RestSvcSessionId/],
        [admin, 'GET', '/jobs/00000000-1111-2222-3333-444444444444', 404, "Job with ID '00000000-1111-2222-3333-444444444444' was not found."],
        [admin, 'GET', '/nothing/here', 404, "The requested resource '/api/nothing/here' was not found."],
        [admin, 'DELETE', '/jobs', 405, 'The method DELETE is not allowed for this resource.'],
        [admin, 'POST', `/jobs/${JOBS.backup}?action=explode`, 400, "Unknown action 'explode': supported actions are clone, start, stop, retry."],
      ];
      for (const [client, method, path, status, message] of cases) {
        const xml = await client.send(method, path);
        expect(xml.status, `${method} ${path}`).toBe(status);
        expect(xml.headers.get('content-type')).toBe('application/xml; charset=utf-8');
        expect(xml.xml?.name).toBe('Error');
        expect(xml.xml?.attributes.xmlns).toBe(NS);
        expect(xml.xml?.attributes.StatusCode).toBe(String(status));
        expect(xml.xml?.attributes.Message).toMatch(message);
        expect(xml.xml?.children).toEqual([]);
        const json = await client.send(method, path, { json: true });
        expect(json.status).toBe(status);
        expect(json.headers.get('content-type')).toBe('application/json; charset=utf-8');
        expect(json.json).toEqual(JSON_ERROR(status, xml.xml!.attributes.Message!));
      }
    }));

  it('answers 405 with an Allow header for a method the path does not support', () =>
    withVeeam(async (sim) => {
      const admin = await adminClient(sim);
      const put = await admin.send('PUT', `/jobs/${JOBS.backup}`);
      expect(put.status).toBe(405);
      expect(put.headers.get('allow')).toBe('GET');
      const getAction = await admin.send('GET', `/jobs/${JOBS.backup}?action=clone`);
      expect(getAction.status).toBe(405);
      expect(getAction.headers.get('allow')).toBe('POST');
      const logon = await admin.send('GET', '/sessionMngr/');
      expect(logon.headers.get('allow')).toBe('POST');
      const sessions = await admin.send('POST', '/logonSessions');
      expect(sessions.headers.get('allow')).toBe('GET');
      const post = await admin.send('POST', `/jobs/${JOBS.backup}`);
      expect([post.status, post.headers.get('allow')]).toEqual([405, 'GET']);
      // an action where a path has none is an unknown query parameter, ignored
      expect((await admin.send('GET', '/jobs?action=clone')).status).toBe(200);
    }));

  it('authenticates before it reads the body', () =>
    withVeeam(async (sim) => {
      const anonymous = new VeeamClient(sim);
      const res = await anonymous.send('POST', `/jobs/${JOBS.replica}?action=clone`, { body: '<broken', json: true });
      expect(res.status).toBe(401);
    }));

  it('answers in XML unless the client prefers JSON', () =>
    withVeeam(async (sim) => {
      const admin = await adminClient(sim);
      const prefersXml = await admin.send('GET', '/jobs', { headers: { accept: 'application/xml, application/json' } });
      expect(prefersXml.headers.get('content-type')).toMatch(/^application\/xml/);
      const prefersJson = await admin.send('GET', '/jobs', { headers: { accept: 'application/json, application/xml' } });
      expect(prefersJson.headers.get('content-type')).toMatch(/^application\/json/);
      const anything = await admin.send('GET', '/jobs', { headers: { accept: '*/*' } });
      expect(anything.headers.get('content-type')).toMatch(/^application\/xml/);
    }));

  it('escapes what it writes into XML, never breaking the document', () =>
    withVeeam(async (sim) => {
      const admin = await adminClient(sim);
      const name = `Tom & Jerry's <"copy">`;
      const res = await admin.send('POST', `/jobs/${JOBS.replica}?action=clone`, { body: { ReplicaJobCloneInfo: { JobName: name, VmSuffix: '_r' } }, json: true });
      await admin.finish(res.json.TaskId);
      const list = await admin.get('/jobs');
      expect(list.xml?.children.map((r) => r.attributes.Name)).toContain(name);
      const control = await admin.send('POST', `/jobs/${JOBS.replica}?action=clone`, { body: { ReplicaJobCloneInfo: { JobName: 'bell\u0007', VmSuffix: '_r' } }, json: true });
      expect(control.status).toBe(400);
    }));
});
