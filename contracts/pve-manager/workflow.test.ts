// The management-layer model against the in-process simulator: random sequences of login, create, racing
// creates, delete, template clone and accounting keep the simulator and the model in agreement.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fetchTarget } from '../../harness/src/target.js';
import { createSimulator } from '../../simulator/src/simulator.js';
import { pveManagerAuth } from './auth.js';
import {
  AccountingCommand, CreateCommand, DeleteCommand, emptyModel, type ManagerWorkflowReal, pveManagerWorkflow, RaceCommand,
} from './workflow.js';

const BASE = 'http://localhost:8080/api/v1';

async function connect(email: string): Promise<{ real: ManagerWorkflowReal; close(): void }> {
  const simulator = createSimulator({ dataDir: ':memory:', seed: 1, clock: { mode: 'real' }, scenario: 'default', apis: ['pve-manager'], taskDurationScale: 0 });
  const target = fetchTarget(BASE, simulator.fetch('pve-manager'), 10_000);
  const send = (request: Parameters<typeof target.send>[0]) => target.send(request);
  const session = await pveManagerAuth.login(`${email}:hypersim`, {}, { baseUrl: BASE, send });
  const real = pveManagerWorkflow.connect({ baseUrl: BASE, send, session, namePrefix: 'hypersim-wf-', pollMs: 0 });
  return { real, close: () => simulator.close(),};
}

describe('the management-layer model', () => {
  it.each(['alice@hypersim.local', 'bob@hypersim.local', 'superadmin@hypersim.local'])('agrees with the simulator over random command sequences (%s)', async (email) => {
    await fc.assert(
      fc.asyncProperty(fc.commands(pveManagerWorkflow.commands(), { maxCommands: 10 }), async (commands) => {
        const { real, close } = await connect(email);
        try {
          await fc.asyncModelRun(() => ({ model: emptyModel(), real }), commands);
        } finally {
          close();
        }
      }),
      { numRuns: email.startsWith('superadmin') ? 3 : 6, seed: 1 },
    );
  }, 180_000);

  it('racing for the last VM of a tight plan: one wins, the others hear the plan is used up', async () => {
    const { real, close } = await connect('bob@hypersim.local');
    try {
      const model = emptyModel();
      await new RaceCommand(3).run(model, real);
      expect(model.vms).toHaveLength(1);
      await new CreateCommand({ cores: 1, memory: 512, disk: 32 }).run(model, real);
      await new DeleteCommand(0).run(model, real);
      expect(model.vms).toHaveLength(0);
      await new AccountingCommand().run(model, real);
    } finally {
      close();
    }
  });

  it('notices when the service breaks an invariant', async () => {
    const { real, close } = await connect('alice@hypersim.local');
    try {
      const model = emptyModel();
      await new CreateCommand({ cores: 2, memory: 1024, disk: 40 }).run(model, real);
      // a second VM created behind the model's back: the plan accounting no longer matches
      const extra = await real.client.call('POST', '/vm/manage/createFromBoxTemplate', { box_id: model.known!.boxId, name: 'outsider', target: 'pve1', cpuCores: 1, memorySize: 512, diskSize: 32 });
      expect(extra.status).toBe(200);
      await expect(new AccountingCommand().run(model, real)).rejects.toThrow(/plan usage is/);
    } finally {
      close();
    }
  });
});
