// The harness's vSphere task recogniser and the simulator agree: a clone with vmw-task=true is recognised as
// a task, its status operation is getTask in specs/vsphere.yaml, and the states it reads mean what it thinks.
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { recognizedStatusOperation, recognizedTaskId, statusParametersOf, TASK_RECOGNIZERS } from '../../harness/src/checks/task-recognizers.js';
import { loadSpec } from '../../harness/src/spec.js';
import type { Exchange } from '../../harness/src/types.js';
import { resolvePointer } from '../../harness/src/checks/json-pointer.js';
import { createSimulator } from '../../simulator/src/simulator.js';

const SPEC = fileURLToPath(new URL('../../specs/vsphere.yaml', import.meta.url));
const recognizer = TASK_RECOGNIZERS.find((r) => r.vendor === 'vSphere')!;

describe('the vSphere task recogniser', () => {
  it('recognises a vmw-task clone, finds getTask, and reads its states', async () => {
    const spec = await loadSpec(SPEC);
    const status = recognizedStatusOperation(recognizer, spec.operations);
    expect(status?.id).toBe('getTask');

    const sim = createSimulator({ dataDir: ':memory:', seed: 1, clock: { mode: 'manual' }, scenario: 'default', apis: ['vsphere'] });
    try {
      const call = async (method: string, path: string, headers: Record<string, string>, body?: unknown) => {
        const res = await sim.fetch('vsphere')(new Request(`https://vc.test/api${path}`, { method, headers: { 'content-type': 'application/json', ...headers }, ...(body ? { body: JSON.stringify(body) } : {}) }));
        return { status: res.status, json: JSON.parse((await res.text()) || 'null') };
      };
      const session = (await call('POST', '/session', { authorization: `Basic ${Buffer.from('administrator@vsphere.local:hypersim').toString('base64')}` })).json;
      const h = { 'vmware-api-session-id': session };
      const clone = await call('POST', '/vcenter/vm?action=clone&vmw-task=true', h, { name: 'r', source: 'vm-1003' });
      const exchange = (query: Record<string, string>, json: unknown) => ({ case: { query }, response: { json } }) as unknown as Exchange;
      const id = recognizedTaskId(recognizer, exchange({ action: 'clone', 'vmw-task': 'true' }, clone.json));
      expect(id).toBe(clone.json);
      // a synchronous clone's VM id is not a task
      expect(recognizedTaskId(recognizer, exchange({ action: 'clone' }, 'vm-1005'))).toBeUndefined();

      const parameters = statusParametersOf(recognizer, status!, id!);
      expect(parameters).toEqual({ task: id });
      const running = await call('GET', `/cis/tasks/${encodeURIComponent(parameters.task!)}`, h);
      expect(recognizer.running).toContain(resolvePointer(running.json, recognizer.state));
      await sim.fetch('vsphere')(new Request('https://vc.test/_sim/clock/advance', { method: 'POST', body: JSON.stringify({ seconds: 60 }) }));
      const done = await call('GET', `/cis/tasks/${encodeURIComponent(id!)}`, h);
      expect(resolvePointer(done.json, recognizer.state)).toBe('SUCCEEDED');
      expect(recognizer.running).not.toContain('SUCCEEDED');
      expect(recognizer.failed).toContain('FAILED');
    } finally {
      sim.close();
    }
  });
});
