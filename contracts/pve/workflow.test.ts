// The VM lifecycle model against the in-process simulator: random sequences of clone, create, start,
// stop, snapshot, rollback, migrate, list and delete keep the simulator and the model in agreement.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fetchTarget } from '../../harness/src/target.js';
import { createSimulator } from '../../simulator/src/simulator.js';
import { pveAuth } from './auth.js';
import { pveClient } from './client.js';
import { CloneCommand, DeleteCommand, emptyModel, workflowCommands, type WorkflowReal } from './workflow.js';

const BASE = 'https://localhost:8006/api2/json';

async function connect(): Promise<{ real: WorkflowReal; close(): void }> {
  const simulator = createSimulator({ dataDir: ':memory:', seed: 1, clock: { mode: 'real' }, scenario: 'default', apis: ['pve'], taskDurationScale: 0 });
  const target = fetchTarget(BASE, simulator.fetch('pve'), 10_000);
  const session = await pveAuth.login('root@pam:hypersim', {}, { baseUrl: BASE, send: (request) => target.send(request) });
  const client = pveClient({ baseUrl: BASE, send: (request) => target.send(request), session, pollMs: 0 });
  return { real: { client, node: 'pve1', namePrefix: 'hypersim-wf-' }, close: () => simulator.close() };
}

describe('the PVE VM lifecycle model', () => {
  it('agrees with the simulator over random command sequences', async () => {
    await fc.assert(
      fc.asyncProperty(fc.commands(workflowCommands([9000, 9001], ['pve1', 'pve2', 'pve3']), { maxCommands: 14 }), async (commands) => {
        const { real, close } = await connect();
        try {
          await fc.asyncModelRun(() => ({ model: emptyModel(), real }), commands);
        } finally {
          close();
        }
      }),
      { numRuns: 15, seed: 1 },
    );
  }, 120_000);

  it('notices when the endpoint breaks an invariant', async () => {
    const { real, close } = await connect();
    try {
      const model = emptyModel();
      await new CloneCommand(9000, false).run(model, real);
      const [vm] = model.vms;
      // delete the VM behind the model's back: the model's delete must then fail loudly
      const answer = await real.client.call('DELETE', `/nodes/pve1/qemu/${vm?.vmid}`);
      await real.client.waitForTask('pve1', String(answer.data));
      await expect(new DeleteCommand(0).run(model, real)).rejects.toThrow(/delete \d+ answered 500/);
    } finally {
      close();
    }
  });

  it('tells a VM that took a deleted id apart from the deleted VM (a clone racing a delete)', async () => {
    const { real, close } = await connect();
    try {
      const model = emptyModel();
      await new CloneCommand(9000, false).run(model, real);
      const [vm] = model.vms;
      // after the delete ends, the id reads as a VM again: another one (a racing clone) or the same one
      const readingAfterDelete = (name: string): WorkflowReal => ({
        ...real,
        client: {
          ...real.client,
          call: async (method, path, params) => {
            const answer = await real.client.call(method, path, params);
            return method === 'GET' && path.endsWith(`/qemu/${vm?.vmid}/config`) ? { status: 200, data: { name }, message: 'OK' } : answer;
          },
        },
      });
      await new DeleteCommand(0).run(model, readingAfterDelete('hypersim-wf-someone-else'));
      expect(model.vms).toEqual([]);

      await new CloneCommand(9000, false).run(model, real);
      const [survivor] = model.vms;
      await expect(new DeleteCommand(0).run(model, readingAfterDelete(survivor!.name))).rejects.toThrow(/still readable after its delete task ended/);
    } finally {
      close();
    }
  });
});
