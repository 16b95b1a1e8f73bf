// The README's import paths, resolved through package.json "exports" as a user's test file would.
import { describe, expect, it } from 'vitest';

describe('package exports', () => {
  it('resolves hypersim/simulator, hypersim/harness and hypersim/msw', async () => {
    const simulator = await import('hypersim/simulator');
    const harness = await import('hypersim/harness');
    const msw = await import('hypersim/msw');
    expect(typeof simulator.createSimulator).toBe('function');
    expect(typeof harness.runContractTests).toBe('function');
    expect(typeof msw.simulatorHandlers).toBe('function');
    const sim = simulator.createSimulator({ dataDir: ':memory:', seed: 1, clock: { mode: 'manual' }, scenario: 'default', apis: ['pve'] });
    const res = await sim.fetch('pve')(new Request('https://pve.test/api2/json/version'));
    expect(res.status).toBe(401);
    sim.close();
  });
});
