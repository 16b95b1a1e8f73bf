import { describe, expect, it } from 'vitest';
import { control, PveTestClient, pveClient, withSimulator } from '../helpers.js';

describe('PVE wire format and bad input', () => {
  it('answers with application/json;charset=UTF-8 exactly', () =>
    withSimulator(async (sim) => {
      const pve = await pveClient(sim);
      for (const path of ['/version', '/nodes/pve1/qemu/999/config', '/nodes/pve1/qemu/abc/config'])
        expect((await pve.request('GET', path)).contentType).toBe('application/json;charset=UTF-8');
    }));

  it.each([
    [{ newid: 'abc' }, { newid: "type check ('integer') failed - got 'abc'" }],
    [{ name: 'x' }, { newid: 'property is missing and it is not optional' }],
    [{ newid: 200, colour: 'red' }, { colour: 'property is not defined in schema and the schema does not allow additional properties' }],
    [{ newid: 50 }, { newid: 'value must have a minimum value of 100' }],
    [{ newid: 200, full: 'maybe' }, { full: "type check ('boolean') failed - got 'maybe'" }],
    [{ newid: 200, format: 'zip' }, { format: "value 'zip' does not have a value in the enumeration 'raw, qcow2, vmdk'" }],
  ])('rejects clone parameters %j with PVE parameter errors', (params, errors) =>
    withSimulator(async (sim) => {
      const pve = await pveClient(sim);
      const res = await pve.request('POST', '/nodes/pve1/qemu/9000/clone', params);
      expect([res.status, res.statusText]).toEqual([400, 'Parameter verification failed.']);
      expect(res.body).toEqual({ data: null, errors });
      expect(await control(sim, 'GET', '/tasks')).toHaveLength(0);
    }));

  it('accepts JSON bodies, and booleans as words', () =>
    withSimulator(async (sim) => {
      const pve = await pveClient(sim);
      const res = await pve.raw(
        new Request('https://pve.test/api2/json/nodes/pve1/qemu/9000/clone', {
          method: 'POST',
          headers: { ...pve.authHeaders, 'content-type': 'application/json' },
          body: JSON.stringify({ newid: '210', full: 'yes', storage: 'NFS' }),
        }),
      );
      expect(res.status).toBe(200);
      expect(res.body.data).toMatch(/qmclone/);
    }));

  it('rejects malformed JSON, bodies on GET, and bodies over 1 MiB, leaving state untouched', () =>
    withSimulator(async (sim) => {
      const pve = await pveClient(sim);
      const post = (body: string, type = 'application/json') =>
        pve.raw(new Request('https://pve.test/api2/json/nodes/pve1/qemu/9000/clone', { method: 'POST', headers: { ...pve.authHeaders, 'content-type': type }, body }));
      const malformed = await post('{"newid": 2');
      expect([malformed.status, malformed.body.errors]).toEqual([400, { body: 'malformed JSON string' }]);
      const huge = await post(`newid=300&description=${'x'.repeat(1024 * 1024 + 10)}`, 'application/x-www-form-urlencoded');
      expect([huge.status, huge.body]).toEqual([413, { data: null, message: 'request entity too large\n' }]);
      const getWithBody = await pve.raw(new Request('https://pve.test/api2/json/nodes', { method: 'POST', headers: pve.authHeaders, body: 'x=1' }));
      expect(getWithBody.status).toBe(501);
      const body = await pve.raw(new Request('https://pve.test/api2/json/nodes/pve1/qemu/100', { method: 'DELETE', headers: pve.authHeaders, body: 'x=1' }));
      expect([body.status, body.statusText]).toEqual([501, "Unexpected content for method 'DELETE'"]);
      expect(await control(sim, 'GET', '/tasks')).toHaveLength(0);
      expect((await pve.request('GET', '/nodes/pve1/qemu')).body.data).toHaveLength(4);
    }));

  it('answers malformed and unknown UPIDs and unknown nodes in PVE words', () =>
    withSimulator(async (sim) => {
      const pve = await pveClient(sim);
      const malformed = await pve.request('GET', '/nodes/pve1/tasks/not-a-upid/status');
      expect([malformed.status, malformed.body.errors]).toEqual([400, { upid: "unable to parse worker upid 'not-a-upid'" }]);
      const unknown = await pve.request('GET', `/nodes/pve1/tasks/${encodeURIComponent('UPID:pve1:00000001:00000002:00000003:qmstart:100:root@pam:')}/status`);
      expect([unknown.status, unknown.statusText]).toEqual([500, 'no such task']);
      const node = await pve.request('GET', '/nodes/pve9/qemu');
      expect([node.status, node.statusText]).toEqual([500, "no such cluster node 'pve9'"]);
      const method = await new PveTestClient(sim).request('PATCH', '/nodes');
      expect(method.status).toBe(501);
    }));
});
