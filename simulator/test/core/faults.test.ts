import { describe, expect, it } from 'vitest';
import { Faults, parseFaultRules } from '../../src/core/faults.js';
import { Rng } from '../../src/core/rng.js';
import { Store } from '../../src/core/store.js';
import { faultMigrations } from '../../src/core/faults.js';
import { control, PveTestClient, pveClient, withSimulator } from '../helpers.js';

function faults(seed = 7) {
  const store = new Store(':memory:');
  store.migrate(faultMigrations);
  return new Faults(store, new Rng(seed));
}

describe('fault rules', () => {
  it('matches api, operationId and parameters; the first match decides; skipCount and maxCount count', () => {
    const f = faults();
    f.replace([
      { api: 'pve', operationId: 'cloneVm', params: { newid: 200 }, skipCount: 1, maxCount: 2, error: { status: 503 } },
      { api: '*', latency: { fixed: 5 } },
    ]);
    const hits = [1, 2, 3, 4].map(() => f.decide('pve', 'cloneVm', { newid: '200' })?.error?.status);
    expect(hits).toEqual([undefined, 503, 503, undefined]);
    expect(f.decide('pve', 'cloneVm', { newid: '201' })).toMatchObject({ latencyMs: 5 });
    expect(f.counters()[0]).toEqual({ rule: 0, matched: 4, hit: 2 });
  });

  it('replays probability decisions and sampled latencies under the same seed', () => {
    const run = (seed: number) => {
      const f = faults(seed);
      f.replace([{ api: '*', probability: 0.5, latency: { lognormal: { median: 100, sigma: 0.5 } } }]);
      return Array.from({ length: 20 }, () => f.decide('pve', 'x', {})?.latencyMs ?? null);
    };
    expect(run(3)).toEqual(run(3));
    expect(run(3)).not.toEqual(run(4));
    expect(run(3).filter((x) => x === null).length).toBeGreaterThan(0);
  });

  it.each([
    [{ api: 'pve' }, 'faults[0]: a rule needs at least one of latency, error, connection, task'],
    [{ api: 'pve', error: { status: 200 } }, 'faults[0].error: expected {status: 400..599, message?: string}'],
    [{ api: 'pve', latency: { fixed: -1 } }, 'faults[0].latency: expected {fixed: ms}, {uniform: {min, max}} or {lognormal: {median, sigma}}'],
    [{ api: 'pve', probability: 2, error: { status: 500 } }, 'faults[0].probability: expected a number from 0 to 1'],
    [{ api: 'pve', colour: 1, error: { status: 500 } }, "faults[0]: unknown field 'colour'"],
  ])('rejects %j with a message naming the field', (rule, message) => {
    expect(() => parseFaultRules([rule])).toThrow(message);
  });

  it('answers an injected error in PVE shape, and drops the connection when asked', () =>
    withSimulator(async (sim) => {
      const pve = await pveClient(sim);
      await control(sim, 'PUT', '/faults', [
        { api: 'pve', operationId: 'getVersion', error: { status: 503, message: 'service unavailable' } },
        { api: 'pve', operationId: 'listNodes', connection: 'reset' },
      ]);
      const res = await pve.request('GET', '/version');
      expect([res.status, res.statusText, res.body]).toEqual([503, 'service unavailable', { data: null, message: 'service unavailable\n' }]);
      await expect(pve.request('GET', '/nodes')).rejects.toThrow('fetch failed');
      const journal = await control(sim, 'GET', '/journal');
      expect(journal.find((e: any) => e.operationId === 'getVersion')).toMatchObject({ status: 503, fault: '#0' });
      // unauthenticated calls are not counted against the rules: faults sit after auth
      expect((await new PveTestClient(sim).request('GET', '/version')).status).toBe(401);
    }));

  it('rejects a bad rule list over the control plane without touching the current rules', () =>
    withSimulator(async (sim) => {
      await control(sim, 'PUT', '/faults', [{ api: 'pve', latency: { fixed: 1 } }]);
      const res = await control(sim, 'PUT', '/faults', [{ api: 'pve' }]);
      expect(res.error).toMatch(/needs at least one of/);
      expect((await control(sim, 'GET', '/faults')).rules).toEqual([{ api: 'pve', latency: { fixed: 1 } }]);
    }));
});
