// Errors in the vSphere shape everywhere: malformed JSON, wrong types, unknown fields, missing fields,
// unknown paths and methods; never a stack trace.
import { describe, expect, it } from 'vitest';
import { errorOf, withVsphere } from './client.js';

describe('vSphere wire format', () => {
  it('answers malformed JSON, wrong types, unknown and missing fields with 400 INVALID_ARGUMENT naming the field', () =>
    withVsphere(async (vc) => {
      const cases: Array<[unknown, string, string]> = [
        ['{"name": "x",', 'vapi.json.body.invalid', 'not valid JSON'],
        [{ name: 'x', source: 'vm-1003', colour: 'red' }, 'vapi.data.invalid.additionalProperties', "'colour'"],
        [{ name: 'x', source: 'vm-1003', placement: { rack: 'r1' } }, 'vapi.data.invalid.additionalProperties', "'rack' in 'placement'"],
        [{ name: 'x' }, 'vapi.data.invalid.required', "'source'"],
        [{ name: 42, source: 'vm-1003' }, 'vapi.data.invalid.type', "'name'"],
        [{ name: 'x', source: 'vm-1003', power_on: 'yes' }, 'vapi.data.invalid.type', "'power_on'"],
        [{ name: '', source: 'vm-1003' }, 'vapi.data.invalid.minLength', "'name'"],
        [['x'], 'vapi.data.invalid.type', 'the request body'],
      ];
      for (const [body, id, mention] of cases) {
        const res = await vc.request('POST', '/api/vcenter/vm?action=clone', body);
        expect(errorOf(res)).toEqual({ status: 400, type: 'INVALID_ARGUMENT', id });
        expect(res.body.messages[0].default_message).toContain(mention);
        expect(res.headers.get('content-type')).toBe('application/json');
      }
      expect(errorOf(await vc.request('POST', '/api/vcenter/vm?action=clone'))).toMatchObject({ status: 400, type: 'INVALID_ARGUMENT' });
      expect(errorOf(await vc.request('POST', '/api/vcenter/vm?action=copy', { name: 'x', source: 'vm-1003' }))).toMatchObject({ status: 400, type: 'INVALID_ARGUMENT' });
      expect(errorOf(await vc.request('POST', '/api/vcenter/vm?action=clone&vmw-task=maybe', { name: 'x', source: 'vm-1003' }))).toMatchObject({ status: 400, type: 'INVALID_ARGUMENT' });
    }));

  it('checks the session before the body, and the body before anything it names', () =>
    withVsphere(async (vc) => {
      const anonymous = await vc.raw('POST', '/api/vcenter/vm?action=clone', { name: 'x', source: 'vm-404' });
      expect(errorOf(anonymous)).toMatchObject({ status: 401, type: 'UNAUTHENTICATED' });
      expect(errorOf(await vc.raw('POST', '/api/vcenter/vm?action=clone', '{broken'))).toMatchObject({ status: 401, type: 'UNAUTHENTICATED' });
      expect(errorOf(await vc.request('POST', '/api/vcenter/vm?action=clone', { name: 7, source: 'vm-404' }))).toMatchObject({ status: 400, type: 'INVALID_ARGUMENT' });
    }));

  it('answers an unknown path 404 and a known path with another method 405 with Allow', () =>
    withVsphere(async (vc) => {
      expect(errorOf(await vc.request('GET', '/api/vcenter/nothing'))).toEqual({ status: 404, type: 'NOT_FOUND', id: 'com.vmware.vapi.rest.httpNotFound' });
      const put = await vc.request('PUT', '/api/vcenter/vm/vm-1001', {});
      expect(errorOf(put)).toEqual({ status: 405, type: 'OPERATION_NOT_FOUND', id: 'com.vmware.vapi.rest.httpMethodNotAllowed' });
      expect(put.headers.get('allow')).toBe('GET, DELETE');
      expect((await vc.request('PATCH', '/api/session')).headers.get('allow')).toBe('POST, GET, DELETE');
    }));

  it('answers a body over 1 MiB with 413 in the vSphere shape', () =>
    withVsphere(async (vc) => {
      const res = await vc.request('POST', '/api/vcenter/vm?action=clone', { name: 'x', source: 'vm-1003', pad: 'x'.repeat(1024 * 1024 + 10) });
      expect(res.status).toBe(413);
      expect(res.body.error_type).toBe('INVALID_ARGUMENT');
    }));
});
