// A large, invalid community conversion of the PVE schema, read-only against the in-process simulator:
// the run must load it, log in with the PVE recipe it recognises, and finish (the simulator implements a
// subset, so findings are expected; crashing is not).
import { afterAll, describe, expect, it } from 'vitest';
import { createSimulator } from '../../simulator/src/simulator.js';
import { runContractTests } from '../src/index.js';

import { PVE_COMMUNITY_SPEC as PVE_COMMUNITY } from '../../test-support/fixtures.js';

describe('a large third-party spec, read-only', () => {
  const simulator = createSimulator({ dataDir: ':memory:', seed: 1, clock: { mode: 'real' }, scenario: 'default', apis: ['pve'], taskDurationScale: 0 });
  afterAll(() => simulator.close());

  it('runs every read-only phase to the end', async () => {
    const requests: string[] = [];
    const pve = simulator.fetch('pve');
    const result = await runContractTests({
      spec: PVE_COMMUNITY,
      baseUrl: 'https://localhost:8006/api2/json',
      fetch: (request) => {
        requests.push(request.method);
        return pve(request);
      },
      auth: 'root@pam:hypersim',
      readOnly: true,
      maxExamples: 2,
    });
    expect(result.spec.warnings.length).toBeGreaterThan(0);
    expect(result.authentication).toBe('PVE ticket for root@pam');
    expect(result.counts.operations).toBeGreaterThan(300);
    expect(result.counts.requests).toBeGreaterThan(1000);
    // the login is the only non-GET request a read-only run sends
    expect(requests.filter((method) => method !== 'GET')).toEqual(['POST']);
    expect(result.findings.some((finding) => finding.check === 'request_error')).toBe(false);
  }, 120_000);
});
