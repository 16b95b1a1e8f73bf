// The sandbox lifecycle model against the in-process simulator: random sequences of create, snapshot,
// clone (waiting and polling), delete, expiry and list keep the simulator and the model in agreement.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fetchTarget } from '../../harness/src/target.js';
import { createSimulator } from '../../simulator/src/simulator.js';
import { vmSandboxAuth } from './auth.js';
import { CloneCommand, CreateCommand, emptyModel, ListCommand, type SandboxReal, vmSandboxWorkflow } from './workflow.js';

const BASE = 'http://localhost:8000';

async function connect(auth = 'hs-test-key'): Promise<{ real: SandboxReal; close(): void }> {
  const simulator = createSimulator({ dataDir: ':memory:', seed: 1, clock: { mode: 'real' }, scenario: 'default', apis: ['vm-sandbox'], taskDurationScale: 0 });
  const target = fetchTarget(BASE, simulator.fetch('vm-sandbox'), 10_000);
  const send = (request: Parameters<typeof target.send>[0]) => target.send(request);
  const session = await vmSandboxAuth.login(auth, {}, { baseUrl: BASE, send });
  return { real: vmSandboxWorkflow.connect({ baseUrl: BASE, send, session, namePrefix: 'hypersim-wf-', pollMs: 0 }), close: () => simulator.close() };
}

describe('the sandbox lifecycle model', () => {
  it('agrees with the simulator over random command sequences', async () => {
    await fc.assert(
      fc.asyncProperty(fc.commands(vmSandboxWorkflow.commands(), { maxCommands: 15 }), async (commands) => {
        const { real, close } = await connect();
        try {
          await fc.asyncModelRun(() => ({ model: vmSandboxWorkflow.initialModel(), real }), commands);
        } finally {
          close();
        }
      }),
      { numRuns: 20, seed: 1 },
    );
  }, 120_000);

  it('works as well with a bearer token from the password flow', async () => {
    const { real, close } = await connect('default:hypersim');
    try {
      const model = emptyModel();
      await new CreateCommand(256).run(model, real);
      await new CloneCommand(0, false, false).run(model, real);
      await new ListCommand().run(model, real);
      expect(model.vms).toHaveLength(2);
    } finally {
      close();
    }
  });

  it('notices when the service breaks an invariant', async () => {
    const { real, close } = await connect();
    try {
      const model = emptyModel();
      await new CreateCommand(256).run(model, real);
      // delete the VM behind the model's back: the listing must then fail loudly
      await real.client.call('DELETE', `/v1/vms/${model.vms[0]!.vmId}`);
      await expect(new ListCommand().run(model, real)).rejects.toThrow(/leaves out vm-/);
    } finally {
      close();
    }
  });
});
