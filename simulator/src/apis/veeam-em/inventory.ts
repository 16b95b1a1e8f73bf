// What the dashboard shows of Enterprise Manager: backup servers, repositories (capacity bars), jobs
// with the VMs they protect, and backup sessions.
import type { InventoryView } from '../../core/api-module.js';
import type { VeeamModel } from './model/index.js';

const GiB = 1024 ** 3;

export function veeamInventory(model: VeeamModel): InventoryView {
  const servers = model.infrastructure.servers();
  const serverName = (id: string) => servers.find((s) => s.id === id)?.name ?? id;
  const repositories = model.infrastructure.repositories();
  const repositoryName = (id: string | null) => (id === null ? null : (repositories.find((r) => r.id === id)?.name ?? id));
  return {
    tables: [
      { title: 'Backup servers', columns: ['Name', 'ID', 'Version', 'Port'], rows: servers.map((s) => [s.name, s.id, s.version, s.port]) },
      {
        title: 'Repositories',
        columns: ['Name', 'UID', 'Kind', 'Backup server', 'Space'],
        rows: repositories.map((r) => [r.name, `urn:veeam:Repository:${r.id}`, r.kind, serverName(r.backupServerId), { used: r.used / GiB, total: r.capacity / GiB, unit: 'GiB' }]),
      },
      {
        title: 'Jobs',
        columns: ['Name', 'ID', 'Type', 'Platform', 'Repository', 'VMs'],
        rows: model.jobs.list().map((j) => [j.name, j.id, j.jobType, j.platform, repositoryName(j.repositoryId), j.objects.map((o) => `${o.name} (${o.vm})`).join(', ')]),
      },
      {
        title: 'Backup sessions',
        columns: ['Job', 'ID', 'State', 'Progress'],
        rows: model.backupSessions.list().map((s) => [s.jobName, s.id, s.engine.state, Math.floor(model.ctx.tasks.progress(s.engine) * 100)]),
      },
    ],
  };
}
