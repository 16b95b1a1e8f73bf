// The fixed sequence of cases every msw server in the defect tests is put through: reads, a create, bad
// input, a missing header, missing and bad credentials, an unsupported method, a delete, a documented
// PVE-style 500, and two tasks (one declared by x-hypersim-task, one recognised as a PVE UPID).
import type { Case, Operation } from '../../../src/types.js';
import { makeCase, operationById } from './rig.js';

export function scriptCases(operations: Operation[]): Case[] {
  const op = (id: string) => operationById(operations, id);
  const vm = (vmid: number) => ({ pathParams: { vmid: String(vmid) } });
  const requestId = { headers: { 'X-Request-Id': 'req-1' } };
  return [
    makeCase(op('getVersion')),
    makeCase(op('listVms')),
    makeCase(op('listVms'), { phase: 'auth', auth: 'none' }),
    makeCase(op('listVms'), { phase: 'auth', auth: 'bad' }),
    makeCase(op('getVm'), vm(100)),
    makeCase(op('getVm'), vm(101)),
    makeCase(op('getVm'), vm(999)),
    makeCase(op('createVm'), { ...requestId, body: { name: 'cache', memory: 1024 } }),
    makeCase(op('createVm'), {
      ...requestId,
      phase: 'negative',
      body: { name: 'cache', memory: 'lots' },
      expectation: 'invalid',
      violation: { location: 'body', name: '/memory', kind: 'type', description: 'body /memory: "lots" is not an integer' },
    }),
    makeCase(op('createVm'), {
      phase: 'negative',
      body: { name: 'cache', memory: 1024 },
      expectation: 'invalid',
      violation: { location: 'header', name: 'X-Request-Id', kind: 'missing', description: 'header X-Request-Id is missing' },
    }),
    makeCase(op('listVms'), {
      phase: 'negative',
      expectation: 'invalid',
      violation: { location: 'method', name: 'PATCH', kind: 'method', description: 'PATCH is not documented for /vms' },
    }),
    makeCase(op('deleteVm'), vm(101)),
    makeCase(op('getVmStatus'), vm(100)),
    makeCase(op('getVmStatus'), vm(999)),
    makeCase(op('cloneVm'), { ...vm(100), body: { newid: 300 } }),
    makeCase(op('startVm'), vm(100)),
  ];
}
