// Snapshots taken from VMs; a VM (a clone among them) boots from one.
import type { Store } from '../../../core/store.js';

export interface Snapshot {
  snapshotId: string;
  owner: string;
  name: string;
  /** the VM it was taken from (which may be gone since) */
  vmId: string;
  memoryMb: number;
  vcpuCount: number;
  createdAt: number;
}

export class Snapshots {
  constructor(private readonly store: Store) {}

  insert(s: Snapshot): void {
    this.store.run(
      'INSERT INTO sandbox_snapshots (snapshot_id, owner, name, vm_id, memory_mb, vcpu_count, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
      s.snapshotId, s.owner, s.name, s.vmId, s.memoryMb, s.vcpuCount, s.createdAt,
    );
  }

  get(snapshotId: string, owner?: string): Snapshot | undefined {
    const row = this.store.get<Record<string, any>>('SELECT * FROM sandbox_snapshots WHERE snapshot_id = ?', snapshotId);
    if (!row || (owner !== undefined && row.owner !== owner)) return undefined;
    return toSnapshot(row);
  }

  list(owner?: string): Snapshot[] {
    const rows = owner === undefined
      ? this.store.all<Record<string, any>>('SELECT * FROM sandbox_snapshots ORDER BY created_at, rowid')
      : this.store.all<Record<string, any>>('SELECT * FROM sandbox_snapshots WHERE owner = ? ORDER BY created_at, rowid', owner);
    return rows.map(toSnapshot);
  }

  remove(snapshotId: string): boolean {
    return this.store.run('DELETE FROM sandbox_snapshots WHERE snapshot_id = ?', snapshotId).changes > 0;
  }
}

function toSnapshot(row: Record<string, any>): Snapshot {
  return {
    snapshotId: row.snapshot_id,
    owner: row.owner,
    name: row.name,
    vmId: row.vm_id,
    memoryMb: row.memory_mb,
    vcpuCount: row.vcpu_count,
    createdAt: row.created_at,
  };
}
