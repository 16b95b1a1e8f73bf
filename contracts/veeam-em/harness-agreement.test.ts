// The harness's Veeam knowledge agrees with the simulator: the login recipe gets a working session, and
// the task recogniser finds the Task of a JSON answer, its status operation in specs/veeam-em.yaml, and
// reads a finished task's outcome the way the simulator reports it.
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { resolvePointer } from '../../harness/src/checks/json-pointer.js';
import { recognizedStatusOperation, recognizedTaskId, recognizerFor, statusParametersOf } from '../../harness/src/checks/task-recognizers.js';
import { loadSpec } from '../../harness/src/spec.js';
import { fetchTarget } from '../../harness/src/target.js';
import type { Case, Exchange, SentRequest } from '../../harness/src/types.js';
import { createSimulator } from '../../simulator/src/simulator.js';
import { veeamAuth } from './auth.js';

const BASE = 'https://localhost:9398/api';
const SPEC = fileURLToPath(new URL('../../specs/veeam-em.yaml', import.meta.url));

describe('the harness and the Veeam EM simulator', () => {
  it('log on with the recipe, recognise a clone Task and read its outcome', async () => {
    const simulator = createSimulator({ dataDir: ':memory:', seed: 1, clock: { mode: 'manual' }, scenario: 'default', apis: ['veeam-em'] });
    try {
      const target = fetchTarget(BASE, simulator.fetch('veeam-em'), 10_000);
      const send = (request: SentRequest) => target.send(request);
      expect(veeamAuth.simulatorAuth).toBe('Administrator:hypersim');
      const session = await veeamAuth.login(veeamAuth.simulatorAuth, {}, { baseUrl: BASE, send });
      const spec = await loadSpec(SPEC);
      expect(veeamAuth.matches(spec.operations)).toBe(true);
      const clone = spec.operations.find((op) => op.id === 'cloneJob')!;
      const request = session.apply({
        method: 'POST',
        url: `${BASE}/jobs/2b7e5a91-3c4d-4e6f-8a9b-0c1d2e3f4a5b?action=clone`,
        headers: { Accept: 'application/json', 'Content-Type': 'application/json' },
        body: JSON.stringify({ ReplicaJobCloneInfo: { JobName: 'Recognised', VmSuffix: '_r' } }),
      });
      const response = await send(request);
      expect(response.status).toBe(202);
      const testCase = { operation: clone, phase: 'examples', pathParams: {}, query: {}, headers: {}, cookies: {}, expectation: 'valid', auth: 'default' } as Case;
      const exchange: Exchange = { case: testCase, request, response };
      const recognizer = recognizerFor(exchange, 'task-1');
      expect(recognizer?.vendor).toBe('Veeam Enterprise Manager');
      expect(recognizedTaskId(recognizer!, exchange)).toBe('task-1');
      const status = recognizedStatusOperation(recognizer!, spec.operations);
      expect(status?.id).toBe('getTask');
      expect(statusParametersOf(recognizer!, status!, 'task-1')).toEqual({ id: 'task-1' });
      expect(recognizer!.running).toContain(resolvePointer(response.json, recognizer!.state));

      await simulator.fetch('veeam-em')(new Request('http://em/_sim/clock/advance', { method: 'POST', body: JSON.stringify({ seconds: 10 }) }));
      const done = await send(session.apply({ method: 'GET', url: `${BASE}/tasks/task-1`, headers: { Accept: 'application/json' } }));
      expect(recognizer!.running).not.toContain(resolvePointer(done.json, recognizer!.state));
      expect(recognizer!.outcome!.success).toContain(resolvePointer(done.json, recognizer!.outcome!.pointer));
    } finally {
      simulator.close();
    }
  });
});
