import { describe, expect, it } from 'vitest';
import { errorOf, READONLY, withVsphere } from './client.js';

const SOURCE = 'vm-1003';
const GiB = 1024 ** 3;

describe('vSphere clone as a CIS task (manual clock)', () => {
  it('answers 202 with a task id; the VM stays hidden (but holds its name and space) until the task succeeds', () =>
    withVsphere(async (vc) => {
      const free = async () => (await vc.request('GET', '/api/vcenter/datastore/datastore-21')).body.free_space;
      const before = await free();
      const res = await vc.clone({ name: 'web-02', source: SOURCE, power_on: true }, true);
      expect(res.status).toBe(202);
      expect(res.body).toMatch(/^[0-9a-f-]{36}:com\.vmware\.vcenter\.vm$/);
      const running = await vc.task(res.body);
      expect(running).toMatchObject({
        service: 'com.vmware.vcenter.vm', operation: 'clone', status: 'RUNNING', cancelable: true,
        progress: { total: 100, completed: 0 }, user: 'administrator@vsphere.local', target: { type: 'VirtualMachine', id: SOURCE },
        start_time: '2025-01-01T00:00:00.000Z',
      });
      expect(running).not.toHaveProperty('result');
      expect(running).not.toHaveProperty('end_time');
      expect((await vc.request('GET', '/api/vcenter/vm?names=web-02')).body).toEqual([]);
      expect(await free()).toBe(before - 20 * GiB);
      expect(errorOf(await vc.clone({ name: 'web-02', source: SOURCE }))).toMatchObject({ status: 400, type: 'ALREADY_EXISTS' });

      // 2 s + 20 GiB at 1 GiB/s = 22 s
      await vc.advance(11);
      expect(await vc.task(res.body)).toMatchObject({ status: 'RUNNING', progress: { completed: 50 } });
      await vc.advance(11);
      const done = await vc.task(res.body);
      expect(done).toMatchObject({ status: 'SUCCEEDED', cancelable: false, result: 'vm-1005', progress: { completed: 100 }, end_time: '2025-01-01T00:00:22.000Z' });
      expect((await vc.request('GET', '/api/vcenter/vm/vm-1005/power')).body).toEqual({ state: 'POWERED_ON' });
    }));

  it('turns resource problems into a FAILED task with the vSphere error, and leaves no VM', () =>
    withVsphere(async (vc) => {
      const id = (await vc.clone({ name: 'x', source: SOURCE, placement: { datastore: 'datastore-22' } }, true)).body;
      await vc.advance(60);
      const task = await vc.task(id);
      expect(task.status).toBe('FAILED');
      expect(task.error).toMatchObject({ error_type: 'UNABLE_TO_ALLOCATE_RESOURCE', messages: [{ id: 'com.vmware.vapi.std.errors.unable_to_allocate_resource' }] });
      expect(task.error.messages[0].default_message).toContain("datastore 'datastore-22'");
      expect((await vc.request('GET', '/api/vcenter/vm?names=x')).body).toEqual([]);
      // the name is free again
      expect((await vc.clone({ name: 'x', source: SOURCE })).status).toBe(200);
    }));

  it('fails a task with the error type a fault rule names (plain text: ERROR)', () =>
    withVsphere(async (vc) => {
      await vc.control('PUT', '/faults', [{ api: 'vsphere', operationId: 'cloneVm', task: { fail: 'RESOURCE_INACCESSIBLE: datastore-21 went away' } }]);
      const first = (await vc.clone({ name: 'a', source: SOURCE }, true)).body;
      await vc.advance(60);
      expect((await vc.task(first)).error).toEqual({ error_type: 'RESOURCE_INACCESSIBLE', messages: [{ id: 'com.vmware.vapi.std.errors.resource_inaccessible', default_message: 'datastore-21 went away', args: [] }] });
      await vc.control('PUT', '/faults', [{ api: 'vsphere', operationId: 'cloneVm', task: { fail: 'the copy crashed' } }]);
      const second = (await vc.clone({ name: 'b', source: SOURCE }, true)).body;
      await vc.advance(60);
      expect((await vc.task(second)).error.error_type).toBe('ERROR');
    }));

  it('cancels a running clone: 204, the task FAILED with CANCELED, no VM left and the space back', () =>
    withVsphere(async (vc) => {
      const free = async () => (await vc.request('GET', '/api/vcenter/datastore/datastore-21')).body.free_space;
      const before = await free();
      const id = (await vc.clone({ name: 'doomed', source: SOURCE }, true)).body;
      const cancel = await vc.request('POST', `/api/cis/tasks/${id}?action=cancel`);
      expect(cancel.status).toBe(204);
      const task = await vc.task(id);
      expect(task).toMatchObject({ status: 'FAILED', cancelable: false, error: { error_type: 'CANCELED' } });
      expect(await free()).toBe(before);
      await vc.advance(60);
      expect((await vc.request('GET', '/api/vcenter/vm?names=doomed')).body).toEqual([]);
      const again = await vc.request('POST', `/api/cis/tasks/${id}?action=cancel`);
      expect(errorOf(again)).toEqual({ status: 400, type: 'NOT_ALLOWED_IN_CURRENT_STATE', id: 'com.vmware.vapi.std.errors.not_allowed_in_current_state' });
    }));

  it('refuses to cancel a finished task, an unknown task (404), and someone else\'s task without Task.Update', () =>
    withVsphere(async (vc) => {
      const id = (await vc.clone({ name: 'done', source: SOURCE }, true)).body;
      await vc.advance(60);
      expect(errorOf(await vc.request('POST', `/api/cis/tasks/${id}?action=cancel`))).toMatchObject({ status: 400, type: 'NOT_ALLOWED_IN_CURRENT_STATE' });
      expect(errorOf(await vc.request('POST', '/api/cis/tasks/nope:com.vmware.vcenter.vm?action=cancel'))).toMatchObject({ status: 404, type: 'NOT_FOUND' });
      expect(errorOf(await vc.request('GET', '/api/cis/tasks/nope'))).toMatchObject({ status: 404, type: 'NOT_FOUND' });
      const running = (await vc.clone({ name: 'running', source: SOURCE }, true)).body;
      const reader = await vc.as(READONLY);
      expect((await reader.task(running)).status).toBe('RUNNING');
      expect(errorOf(await reader.request('POST', `/api/cis/tasks/${running}?action=cancel`))).toMatchObject({ status: 403, type: 'UNAUTHORIZED' });
    }));

  it('lists tasks by filter_spec as a map from id to info', () =>
    withVsphere(async (vc) => {
      const a = (await vc.clone({ name: 'a', source: SOURCE }, true)).body;
      await vc.advance(60);
      const b = (await vc.clone({ name: 'b', source: 'vm-1004' }, true)).body;
      const all = await vc.request('POST', '/api/cis/tasks?action=list');
      expect(all.status).toBe(200);
      expect(Object.keys(all.body)).toEqual([a, b]);
      const list = async (filter_spec: unknown) => Object.keys((await vc.request('POST', '/api/cis/tasks?action=list', { filter_spec })).body);
      expect(await list({ status: ['RUNNING'] })).toEqual([b]);
      expect(await list({ status: ['SUCCEEDED'], operations: ['clone'], services: ['com.vmware.vcenter.vm'] })).toEqual([a]);
      expect(await list({ tasks: [b, 'other'] })).toEqual([b]);
      expect(await list({ targets: [{ type: 'VirtualMachine', id: 'vm-1004' }] })).toEqual([b]);
      expect(await list({ users: ['someone@vsphere.local'] })).toEqual([]);
      expect(await list({ operations: ['delete'] })).toEqual([]);
      expect(errorOf(await vc.request('POST', '/api/cis/tasks?action=list', { filter_spec: { status: ['DONE'] } }))).toMatchObject({ status: 400, type: 'INVALID_ARGUMENT' });
    }));

  it('lists at most the 1,000 most recent tasks', () =>
    withVsphere(
      async (vc) => {
        const ids: string[] = [];
        for (let i = 0; i < 1002; i++) ids.push((await vc.clone({ name: `t${i}`, source: SOURCE, disks_to_remove: ['2000'] }, true)).body);
        const listed = Object.keys((await vc.request('POST', '/api/cis/tasks?action=list')).body);
        expect(listed).toHaveLength(1000);
        expect(listed[0]).toBe(ids[2]);
        expect(listed.at(-1)).toBe(ids[1001]);
      },
      { taskDurationScale: 0 },
    ), 60_000);
});
