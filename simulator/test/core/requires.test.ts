// ApiModule.requires: an API that calls another through ctx.peer gets it created too, without serving it.
import { afterEach, describe, expect, it } from 'vitest';
import { API_MODULES } from '../../src/apis/index.js';
import type { ApiModule } from '../../src/core/api-module.js';
import { createSimulator, SimulatorConfigError } from '../../src/simulator.js';

const base = { dataDir: ':memory:', seed: 1, clock: { mode: 'manual' as const }, scenario: 'default' };

afterEach(() => {
  delete (API_MODULES as Record<string, ApiModule>)['needs-missing'];
});

describe('required APIs', () => {
  it('are created (their scenario section loaded) when only the API that requires them is asked for', async () => {
    expect(API_MODULES['pve-manager']?.requires).toEqual(['pve']);
    const sim = createSimulator({ ...base, apis: ['pve-manager'] });
    try {
      const res = await sim.fetch('pve')(new Request('http://pve/api2/json/nodes', { headers: { authorization: 'PVEAPIToken=root@pam!ci=8d5a7c52-8c4b-4a8e-9f0e-2b7c1d3e4f50' } }));
      expect(res.status).toBe(200);
      expect(((await res.json()) as { data: unknown[] }).data).toHaveLength(3);
    } finally {
      sim.close();
    }
  });

  it('a requirement that is not implemented is a config error naming who needs it', () => {
    (API_MODULES as Record<string, ApiModule>)['needs-missing'] = { ...API_MODULES.pve!, name: 'needs-missing', requires: ['nowhere'] };
    expect(() => createSimulator({ ...base, apis: ['needs-missing' as never] })).toThrow(SimulatorConfigError);
    expect(() => createSimulator({ ...base, apis: ['needs-missing' as never] })).toThrow("'nowhere' (required by 'needs-missing') is not implemented yet");
  });
});
