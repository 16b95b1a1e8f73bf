// The module outside a listener: its inventory view and its scenario checks.
import { describe, expect, it } from 'vitest';
import { veeamEmModule } from '../../src/apis/veeam-em/module.js';
import type { ApiInstance } from '../../src/core/api-module.js';
import { readScenario } from '../../src/core/scenario.js';
import type { Store } from '../../src/core/store.js';
import { standaloneModule } from '../helpers.js';

function instance(): { api: ApiInstance; store: Store } {
  const { instance: api, store } = standaloneModule(veeamEmModule, { seedDefaultScenario: false });
  return { api, store };
}

describe('the Veeam EM module', () => {
  it('shows its servers, repositories (as capacity bars), jobs with their VMs, and sessions as inventory tables', () => {
    const { api, store } = instance();
    store.transaction(() => api.loadScenario(readScenario('default')['veeam-em']));
    const view = api.inventory!();
    expect(view.tables.map((t) => t.title)).toEqual(['Backup servers', 'Repositories', 'Jobs', 'Backup sessions']);
    const repositories = view.tables[1]!;
    expect(repositories.rows.map((r) => [r[0], r[4]])).toEqual([
      ['Default Backup Repository', { used: 612, total: 2048, unit: 'GiB' }],
      ['Offsite Repository', { used: 1000, total: 1024, unit: 'GiB' }],
    ]);
    const jobs = view.tables[2]!;
    expect(jobs.rows.map((r) => [r[0], r[2], r[5]])).toEqual([
      ['Web Backup', 'Backup', 'web-01 (vm-1001), tmpl-ubuntu-2404 (vm-1003)'],
      ['DB Replica', 'Replica', 'db-01 (vm-1002)'],
      ['Offsite Copy', 'BackupCopy', 'web-01 (vm-1001), db-01 (vm-1002)'],
      ['Build Immediate Copy', 'ImmediateBackupCopy', 'build-01 (vm-1004)'],
    ]);
    expect(view.tables[3]!.rows).toEqual([]);
    store.close();
  });

  it('refuses a scenario that names what does not exist', () => {
    const cases: Array<[unknown, RegExp]> = [
      [{ backupServers: [{ name: 'b' }], jobs: [{ name: 'j', type: 'Backup', repository: 'nope' }] }, /job j: unknown repository 'nope'/],
      [{ backupServers: [{ name: 'b' }], jobs: [{ name: 'j', type: 'Tape' }] }, /needs a name and a type/],
      [{ backupServers: [{ name: 'b' }], jobs: [{ name: 'j', type: 'Backup' }] }, /a Backup job needs a repository/],
      [{ repositories: [{ name: 'r', capacityGiB: 1 }] }, /unknown backup server/],
      [{ users: [{ name: 'u', password: 'p', role: 'God' }] }, /needs name, password and a role/],
      [{ backupServers: [{ id: 'x', name: 'b' }] }, /id 'x' is not a GUID/],
    ];
    for (const [section, message] of cases) {
      const { api, store } = instance();
      expect(() => store.transaction(() => api.loadScenario(section))).toThrow(message);
      store.close();
    }
  });
});
