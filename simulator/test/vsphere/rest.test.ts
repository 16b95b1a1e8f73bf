// The deprecated /rest twin: the same operations, answers wrapped in {"value": ...}, errors in
// {"type": "com.vmware.vapi.std.errors.<name>", "value": {...}}, the clone body wrapped in {"spec": ...}.
import { describe, expect, it } from 'vitest';
import { ADMIN, basic, withVsphere } from './client.js';

describe('vSphere /rest', () => {
  it('creates, reads and ends a session at /rest/com/vmware/cis/session', () =>
    withVsphere(async (vc) => {
      const created = await vc.raw('POST', '/rest/com/vmware/cis/session', undefined, { authorization: basic(ADMIN) });
      expect(created.status).toBe(200);
      expect(created.body).toEqual({ value: expect.stringMatching(/^[0-9a-f]{32}$/) });
      expect(created.headers.get('set-cookie')).toBe(`vmware-api-session-id=${created.body.value}; Path=/rest; Secure; HttpOnly`);
      const headers = { 'vmware-api-session-id': created.body.value };
      const info = await vc.raw('POST', '/rest/com/vmware/cis/session?~action=get', undefined, headers);
      expect(info.status).toBe(200);
      expect(info.body.value.user).toBe(ADMIN);
      // the same session works under /api, and the cookie works as well as the header
      expect((await vc.raw('GET', '/api/session', undefined, headers)).status).toBe(200);
      expect((await vc.raw('GET', '/rest/vcenter/vm', undefined, { cookie: `vmware-api-session-id=${created.body.value}` })).status).toBe(200);
      const ended = await vc.raw('DELETE', '/rest/com/vmware/cis/session', undefined, headers);
      expect(ended.status).toBe(200);
      expect(ended.body).toBeUndefined();
      const after = await vc.raw('GET', '/rest/vcenter/vm', undefined, headers);
      expect(after.status).toBe(401);
      expect(after.body).toEqual({
        type: 'com.vmware.vapi.std.errors.unauthenticated',
        value: { error_type: 'UNAUTHENTICATED', messages: [{ id: 'com.vmware.vapi.endpoint.method.authentication.required', default_message: 'Authentication required.', args: [] }] },
      });
      const bad = await vc.raw('POST', '/rest/com/vmware/cis/session', undefined, { authorization: basic(ADMIN, 'nope') });
      expect(bad.status).toBe(401);
      expect(bad.body.type).toBe('com.vmware.vapi.std.errors.unauthenticated');
    }));

  it('wraps lists and reads in {"value": ...} and reads filter.* and ~action', () =>
    withVsphere(async (vc) => {
      const list = await vc.request('GET', '/rest/vcenter/vm?filter.names=web-01&filter.names=db-01');
      expect(list.status).toBe(200);
      expect(list.body.value.map((v: any) => v.vm)).toEqual(['vm-1001', 'vm-1002']);
      expect((await vc.request('GET', '/rest/vcenter/vm/vm-1001')).body.value.name).toBe('web-01');
      expect((await vc.request('GET', '/rest/vcenter/datastore')).body.value).toHaveLength(2);
      const power = await vc.request('POST', '/rest/vcenter/vm/vm-1004/power?~action=start');
      expect(power.status).toBe(200);
      expect(power.body).toBeUndefined();
      expect((await vc.request('GET', '/rest/vcenter/vm/vm-1004/power')).body).toEqual({ value: { state: 'POWERED_ON' } });
    }));

  it('clones with the body wrapped in spec, synchronously and as a task, and reads the task', () =>
    withVsphere(async (vc) => {
      const sync = await vc.request('POST', '/rest/vcenter/vm?~action=clone', { spec: { name: 'r1', source: 'vm-1003' } });
      expect(sync.status).toBe(200);
      expect(sync.body).toEqual({ value: 'vm-1005' });
      const task = await vc.request('POST', '/rest/vcenter/vm?action=clone&vmw-task=true', { spec: { name: 'r2', source: 'vm-1003' } });
      expect(task.status).toBe(200);
      const id = task.body.value;
      expect((await vc.request('GET', `/rest/cis/tasks/${id}`)).body.value.status).toBe('RUNNING');
      const listed = await vc.request('POST', '/rest/cis/tasks?~action=list', { filter_spec: { status: ['RUNNING'] } });
      expect(Object.keys(listed.body.value)).toEqual([id]);
      expect((await vc.request('POST', `/rest/cis/tasks/${id}?~action=cancel`)).status).toBe(200);
      expect((await vc.request('GET', `/rest/cis/tasks/${id}`)).body.value.error.error_type).toBe('CANCELED');
    }));

  it('wraps errors with the same status codes, and refuses an unwrapped clone body', () =>
    withVsphere(async (vc) => {
      const missing = await vc.request('GET', '/rest/vcenter/vm/vm-9');
      expect(missing.status).toBe(404);
      expect(missing.body.type).toBe('com.vmware.vapi.std.errors.not_found');
      expect(missing.body.value.error_type).toBe('NOT_FOUND');
      const running = await vc.request('DELETE', '/rest/vcenter/vm/vm-1001');
      expect(running.status).toBe(400);
      expect(running.body.type).toBe('com.vmware.vapi.std.errors.not_allowed_in_current_state');
      const unwrapped = await vc.request('POST', '/rest/vcenter/vm?~action=clone', { name: 'r1', source: 'vm-1003' });
      expect(unwrapped.status).toBe(400);
      expect(unwrapped.body.value).toMatchObject({ error_type: 'INVALID_ARGUMENT', messages: [{ id: 'vapi.rest.body.wrapper' }] });
      const space = await vc.request('POST', '/rest/vcenter/vm?~action=clone', { spec: { name: 'r1', source: 'vm-1003', placement: { datastore: 'datastore-22' } } });
      expect(space.status).toBe(500);
      expect(space.body.type).toBe('com.vmware.vapi.std.errors.unable_to_allocate_resource');
      const nowhere = await vc.request('GET', '/rest/vcenter/nothing');
      expect(nowhere.status).toBe(404);
      expect(nowhere.body.type).toBe('com.vmware.vapi.std.errors.not_found');
    }));
});
