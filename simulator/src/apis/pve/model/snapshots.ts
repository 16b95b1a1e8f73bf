// Snapshots: the VM's configuration frozen under a name, chained by `parent`. Creating, rolling back and
// deleting one are worker tasks (qmsnapshot, qmrollback, qmdelsnapshot) whose checks run inside the task,
// as in PVE (AbstractConfig's snapshot_create / snapshot_rollback / snapshot_delete): a refused snapshot
// is a failed task, not an error answer.
import type { Store } from '../../../core/store.js';
import { PveError } from '../errors.js';
import type { VmConfig } from './vms.js';

export interface Snapshot {
  vmid: number;
  name: string;
  parent: string | null;
  snaptime: number;
  vmstate: boolean;
  description: string;
  /** 'prepare' while being taken, 'delete' while being removed */
  snapstate: string | null;
  config: VmConfig;
}

export class Snapshots {
  constructor(private readonly store: Store) {}

  of(vmid: number): Snapshot[] {
    return this.store.all<Record<string, any>>('SELECT * FROM pve_snapshots WHERE vmid = ? ORDER BY snaptime, name', vmid).map(toSnapshot);
  }

  get(vmid: number, name: string): Snapshot | undefined {
    const row = this.store.get<Record<string, any>>('SELECT * FROM pve_snapshots WHERE vmid = ? AND name = ?', vmid, name);
    return row ? toSnapshot(row) : undefined;
  }

  /** The snapshot, or PVE's message for a missing one. */
  require(vmid: number, name: string): Snapshot {
    const snap = this.get(vmid, name);
    if (!snap) throw new PveError(`snapshot '${name}' does not exist`);
    return snap;
  }

  count(vmid: number): number {
    return this.store.get<{ n: number }>('SELECT COUNT(*) AS n FROM pve_snapshots WHERE vmid = ?', vmid)?.n ?? 0;
  }

  save(snap: Snapshot): void {
    this.store.run(
      'INSERT OR REPLACE INTO pve_snapshots (vmid, name, parent, snaptime, vmstate, description, snapstate, config) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
      snap.vmid, snap.name, snap.parent, snap.snaptime, snap.vmstate ? 1 : 0, snap.description, snap.snapstate, JSON.stringify(snap.config),
    );
  }

  /** Removes one snapshot; children that named it as parent inherit its parent. */
  remove(vmid: number, name: string): void {
    const snap = this.get(vmid, name);
    if (!snap) return;
    this.store.run('UPDATE pve_snapshots SET parent = ? WHERE vmid = ? AND parent = ?', snap.parent, vmid, name);
    this.store.run('DELETE FROM pve_snapshots WHERE vmid = ? AND name = ?', vmid, name);
  }

  removeAllOf(vmid: number): void {
    this.store.run('DELETE FROM pve_snapshots WHERE vmid = ?', vmid);
  }
}

/** What a snapshot keeps of the configuration (PVE leaves out the snapshot bookkeeping and the lock). */
export function snapshotConfig(config: VmConfig): VmConfig {
  const copy: VmConfig = { ...config };
  for (const key of ['lock', 'snapstate', 'snaptime', 'vmstate']) delete copy[key];
  return copy;
}

function toSnapshot(row: Record<string, any>): Snapshot {
  return {
    vmid: row.vmid,
    name: row.name,
    parent: row.parent,
    snaptime: row.snaptime,
    vmstate: row.vmstate === 1,
    description: row.description,
    snapstate: row.snapstate,
    config: JSON.parse(row.config) as VmConfig,
  };
}
