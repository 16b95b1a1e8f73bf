// The vCenter lifecycle model against the in-process simulator: random sequences of session reads,
// clones (sync and as tasks), cancels, power changes, lists and deletes keep simulator and model agreed.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fetchTarget } from '../../harness/src/target.js';
import { createSimulator } from '../../simulator/src/simulator.js';
import { vsphereAuth } from './auth.js';
import { vsphereClient } from './client.js';
import { CancelCommand, CloneCommand, DeleteCommand, emptyModel, powerOutcome, workflowCommands, type WorkflowReal } from './workflow.js';

const BASE = 'https://localhost:8989/api';

async function connect(faults?: unknown[]): Promise<{ real: WorkflowReal; close(): void }> {
  const simulator = createSimulator({ dataDir: ':memory:', seed: 1, clock: { mode: 'real' }, scenario: 'default', apis: ['vsphere'], taskDurationScale: 0, ...(faults ? { faults } : {}) });
  const target = fetchTarget(BASE, simulator.fetch('vsphere'), 10_000);
  const session = await vsphereAuth.login(vsphereAuth.simulatorAuth, {}, { baseUrl: BASE, send: (request) => target.send(request) });
  const client = vsphereClient({ baseUrl: BASE, send: (request) => target.send(request), session, pollMs: 0, taskTimeoutMs: 5_000 });
  return { real: { client, namePrefix: 'hypersim-wf-', source: 'vm-1003' }, close: () => simulator.close() };
}

describe('the vCenter VM lifecycle model', () => {
  it('agrees with the simulator over random command sequences', async () => {
    await fc.assert(
      fc.asyncProperty(fc.commands(workflowCommands(), { maxCommands: 15 }), async (commands) => {
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

  it('sees a cancel win when the task is still running (a stalled clone)', async () => {
    const { real, close } = await connect([{ api: 'vsphere', operationId: 'cloneVm', task: { stall: true } }]);
    try {
      const model = emptyModel();
      await new CancelCommand().run(model, real);
      expect(model.vms).toEqual([]);
      const tasks = await real.client.call('POST', '/cis/tasks?action=list', { filter_spec: { status: ['FAILED'] } });
      expect(Object.values(tasks.body).map((t: any) => t.error.error_type)).toEqual(['CANCELED']);
    } finally {
      close();
    }
  });

  it('notices when the endpoint breaks an invariant', async () => {
    const { real, close } = await connect();
    try {
      const model = emptyModel();
      await new CloneCommand(true, false).run(model, real);
      // delete the VM behind the model's back: the model's delete must then fail loudly
      await real.client.call('DELETE', `/vcenter/vm/${model.vms[0]?.id}`);
      await expect(new DeleteCommand(0).run(model, real)).rejects.toThrow(/delete vm-\d+ answered 404/);
    } finally {
      close();
    }
  });

  it('knows vCenter\'s power rules', () => {
    expect(powerOutcome('POWERED_OFF', 'start')).toBe('POWERED_ON');
    expect(powerOutcome('POWERED_ON', 'start')).toBe('ALREADY_IN_DESIRED_STATE');
    expect(powerOutcome('POWERED_OFF', 'reset')).toBe('NOT_ALLOWED_IN_CURRENT_STATE');
    expect(powerOutcome('SUSPENDED', 'stop')).toBe('POWERED_OFF');
    expect(powerOutcome('SUSPENDED', 'suspend')).toBe('ALREADY_IN_DESIRED_STATE');
  });
});
