// The management layer's inventory view: users with their plan usage as capacity cells, templates,
// Boxes, VMs and tasks, read from the store (through the module, as the dashboard will).
import { describe, expect, it } from 'vitest';
import { pveManagerModule } from '../../src/apis/pve-manager/module.js';
import type { ApiContext, InventoryTable } from '../../src/core/api-module.js';
import { Clock } from '../../src/core/clock.js';
import { Faults, faultMigrations } from '../../src/core/faults.js';
import { loadSpec } from '../../src/core/openapi.js';
import { Rng } from '../../src/core/rng.js';
import { readScenario } from '../../src/core/scenario.js';
import { Store } from '../../src/core/store.js';
import { TaskEngine, taskMigrations } from '../../src/core/tasks.js';

function instance() {
  const store = new Store(':memory:');
  store.migrate([...taskMigrations, ...faultMigrations, ...pveManagerModule.migrations]);
  const clock = new Clock({ mode: 'manual' }, store);
  const rng = new Rng(1);
  const ctx: ApiContext = {
    store, clock, rng, tasks: new TaskEngine(store, clock), faults: new Faults(store, rng), spec: loadSpec(pveManagerModule.specFile), taskDurationScale: 1,
    peer: () => {
      throw new Error('no PVE in this test');
    },
  };
  const api = pveManagerModule.create(ctx);
  store.transaction(() => api.loadScenario(readScenario('default')['pve-manager']));
  return { api, close: () => store.close() };
}

const table = (tables: InventoryTable[], title: string) => tables.find((t) => t.title === title)!;

describe('pve-manager inventory', () => {
  it('shows users with plan usage as capacity cells, and the templates and Boxes of the scenario', () => {
    const { api, close } = instance();
    try {
      const { tables } = api.inventory!();
      expect(tables.map((t) => t.title)).toEqual(['Users', 'Templates', 'Boxes', 'VMs', 'Tasks']);
      const users = table(tables, 'Users');
      const bob = users.rows.find((r) => r[0] === 'bob@hypersim.local')!;
      expect(bob.slice(0, 3)).toEqual(['bob@hypersim.local', 'user', 'tight']);
      expect(bob[3]).toEqual({ used: 0, total: 1 });
      expect(bob[5]).toEqual({ used: 0, total: 2048, unit: 'MB' });
      expect(users.rows.find((r) => r[0] === 'admin@hypersim.local')!.slice(2)).toEqual([null, null, null, null, null]);
      const templates = table(tables, 'Templates').rows;
      expect(templates.map((r) => [r[1], r[2], r[5]])).toEqual([['ubuntu-2404', 9000, true], ['debian-12', 9001, true], ['internal-tools', 9001, false]]);
      expect(table(tables, 'Boxes').rows.map((r) => r[2])).toEqual(['ubuntu-2404', 'debian-12', 'internal-tools']);
      expect(table(tables, 'VMs').rows).toEqual([]);
    } finally {
      close();
    }
  });
});
