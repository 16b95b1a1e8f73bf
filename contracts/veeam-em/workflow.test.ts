// The Veeam EM job lifecycle model against the in-process simulator: random sequences of logon, clone
// (each job type, XML or JSON), start, task listing and deletion, and logoff keep simulator and model in
// agreement.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fetchTarget } from '../../harness/src/target.js';
import { createSimulator } from '../../simulator/src/simulator.js';
import type { WorkflowTarget } from '../workflow.js';
import { veeamAuth } from './auth.js';
import { CloneCommand, emptyModel, LogonCommand, type VeeamReal, veeamWorkflow } from './workflow.js';

const BASE = 'https://localhost:9398/api';

async function connect(withCredentials = true): Promise<{ real: VeeamReal; close(): void }> {
  const simulator = createSimulator({ dataDir: ':memory:', seed: 1, clock: { mode: 'real' }, scenario: 'default', apis: ['veeam-em'], taskDurationScale: 0 });
  const transport = fetchTarget(BASE, simulator.fetch('veeam-em'), 10_000);
  const send: WorkflowTarget['send'] = (request) => transport.send(request);
  const session = await veeamAuth.login('Administrator:hypersim', {}, { baseUrl: BASE, send });
  const target: WorkflowTarget = { baseUrl: BASE, send, session, namePrefix: 'hypersim-wf-', pollMs: 0, ...(withCredentials ? { credentials: 'Administrator:hypersim' } : {}) };
  return { real: veeamWorkflow.connect(target), close: () => simulator.close() };
}

describe('the Veeam EM job lifecycle model', () => {
  it('agrees with the simulator over random command sequences', async () => {
    await fc.assert(
      fc.asyncProperty(fc.commands(veeamWorkflow.commands(), { maxCommands: 14 }), async (commands) => {
        const { real, close } = await connect();
        try {
          await fc.asyncModelRun(() => ({ model: veeamWorkflow.initialModel(), real }), commands);
        } finally {
          close();
        }
      }),
      { numRuns: 12, seed: 1 },
    );
  }, 180_000);

  it('runs in the harness session when it has no credentials of its own', async () => {
    const { real, close } = await connect(false);
    try {
      const model = emptyModel();
      await new LogonCommand().run(model, real);
      expect(real.client.token).toBeUndefined();
      await new CloneCommand('Replica', true, undefined).run(model, real);
      expect(model.jobs).toEqual([{ name: 'hypersim-wf-Replica-0', type: 'Replica', started: false }]);
    } finally {
      close();
    }
  });

  it('notices when the endpoint breaks an invariant', async () => {
    const { real, close } = await connect();
    try {
      const model = emptyModel();
      await new LogonCommand().run(model, real);
      await new CloneCommand('Backup', false, undefined).run(model, real);
      // the model believes the name is taken; forget it so the command expects a new job, then clone it
      // again under the same name: the duplicate must fail its task, which the model does not expect
      model.names = 0;
      await expect(new CloneCommand('Backup', true, undefined).run(model, real)).rejects.toThrow(/ended .*already exists/);
    } finally {
      close();
    }
  });
});
