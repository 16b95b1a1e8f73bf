// The sandbox service as tables for the dashboard: per-user usage against limits, VMs, snapshots, sessions.
import type { InventoryView } from '../../../core/api-module.js';
import { isoTime } from '../time.js';
import type { SandboxModel } from './index.js';

export function sandboxInventory(model: SandboxModel): InventoryView {
  model.lifetimes.sweep();
  const users = model.users.all().map((u) => {
    const usage = model.vms.usage(u.username);
    return [u.username, u.apiKey !== null, { used: usage.vms, total: u.maxVms }, { used: usage.memoryMb, total: u.maxMemoryMb, unit: 'MB' }];
  });
  return {
    tables: [
      { title: 'Users', columns: ['user', 'API key', 'VMs', 'memory'], rows: users },
      {
        title: 'VMs',
        columns: ['vm_id', 'owner', 'status', 'memory_mb', 'vcpu_count', 'session_id', 'snapshot_id', 'expires_at'],
        rows: model.vms.list().map((v) => [v.vmId, v.owner, v.status, v.memoryMb, v.vcpuCount, v.sessionId, v.snapshotId, v.expiresAt === null ? null : isoTime(v.expiresAt)]),
      },
      {
        title: 'Snapshots',
        columns: ['snapshot_id', 'owner', 'name', 'vm_id', 'memory_mb'],
        rows: model.snapshots.list().map((s) => [s.snapshotId, s.owner, s.name, s.vmId, s.memoryMb]),
      },
      {
        title: 'Sessions',
        columns: ['session_id', 'owner', 'vm_id', 'status', 'termination_reason'],
        rows: model.sessions.list().map((s) => [s.sessionId, s.owner, s.vmId, s.status, s.terminationReason]),
      },
    ],
  };
}
