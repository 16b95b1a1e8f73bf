// The VM rows: one per provisioning or running VM (a deleted, expired or failed VM has no row).
import type { Store } from '../../../core/store.js';

export type VmStatus = 'provisioning' | 'running';

export interface SandboxVm {
  vmId: string;
  owner: string;
  sessionId: string;
  status: VmStatus;
  memoryMb: number;
  vcpuCount: number;
  metadata: Record<string, string>;
  /** the snapshot it booted from */
  snapshotId: string | null;
  createdAt: number;
  expiresAt: number | null;
}

export interface Usage {
  vms: number;
  memoryMb: number;
}

export class Vms {
  /** per-owner usage, kept up to date by insert and remove (a limit check on every create must not scan) */
  private readonly usageCache = new Map<string, Usage>();
  /** the rows read or written so far, frozen (every poll of a VM reads it; parsing the row each time costs more than the rest of a GET) */
  private readonly rows = new Map<string, SandboxVm>();

  constructor(private readonly store: Store) {}

  forgetCaches(): void {
    this.usageCache.clear();
    this.rows.clear();
  }

  insert(vm: SandboxVm): void {
    this.store.run(
      `INSERT INTO sandbox_vms (vm_id, owner, session_id, status, memory_mb, vcpu_count, metadata, snapshot_id, created_at, expires_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      vm.vmId, vm.owner, vm.sessionId, vm.status, vm.memoryMb, vm.vcpuCount, JSON.stringify(vm.metadata), vm.snapshotId, vm.createdAt, vm.expiresAt,
    );
    this.rows.set(vm.vmId, frozen({ ...vm, metadata: { ...vm.metadata } }));
    const usage = this.usageCache.get(vm.owner);
    if (usage) {
      usage.vms += 1;
      usage.memoryMb += vm.memoryMb;
    }
  }

  /** The VM if it exists and belongs to owner (another user's VM is not found, as for the vendor). */
  get(vmId: string, owner?: string): SandboxVm | undefined {
    let vm = this.rows.get(vmId);
    if (!vm) {
      const row = this.store.get<Record<string, any>>('SELECT * FROM sandbox_vms WHERE vm_id = ?', vmId);
      if (!row) return undefined;
      vm = frozen(toVm(row));
      this.rows.set(vmId, vm);
    }
    return owner !== undefined && vm.owner !== owner ? undefined : vm;
  }

  list(owner?: string): SandboxVm[] {
    const rows = owner === undefined
      ? this.store.all<Record<string, any>>('SELECT * FROM sandbox_vms ORDER BY created_at, rowid')
      : this.store.all<Record<string, any>>('SELECT * FROM sandbox_vms WHERE owner = ? ORDER BY created_at, rowid', owner);
    return rows.map(toVm);
  }

  setStatus(vmId: string, status: VmStatus): void {
    this.store.run('UPDATE sandbox_vms SET status = ? WHERE vm_id = ?', status, vmId);
    const cached = this.rows.get(vmId);
    if (cached) this.rows.set(vmId, frozen({ ...cached, status }));
  }

  remove(vmId: string): void {
    const removed = this.store.get<{ owner: string; memory_mb: number }>('DELETE FROM sandbox_vms WHERE vm_id = ? RETURNING owner, memory_mb', vmId);
    this.rows.delete(vmId);
    const usage = removed && this.usageCache.get(removed.owner);
    if (usage) {
      usage.vms -= 1;
      usage.memoryMb -= removed.memory_mb;
    }
  }

  /** What the owner holds now: VMs and their memory (provisioning ones count: they are reserved). */
  usage(owner: string): Usage {
    let usage = this.usageCache.get(owner);
    if (!usage) {
      const row = this.store.get<{ vms: number; memory: number | null }>('SELECT COUNT(*) AS vms, SUM(memory_mb) AS memory FROM sandbox_vms WHERE owner = ?', owner);
      usage = { vms: row?.vms ?? 0, memoryMb: row?.memory ?? 0 };
      this.usageCache.set(owner, usage);
    }
    return { ...usage };
  }

  /** VMs whose lifetime has ended by `now`. */
  expiredBy(now: number): SandboxVm[] {
    return this.store.all<Record<string, any>>('SELECT * FROM sandbox_vms WHERE expires_at IS NOT NULL AND expires_at <= ? ORDER BY expires_at', now).map(toVm);
  }

  nextExpiry(): number {
    return this.store.get<{ at: number | null }>('SELECT MIN(expires_at) AS at FROM sandbox_vms WHERE expires_at IS NOT NULL')?.at ?? Infinity;
  }

  /** Whether a VM is still booting from the snapshot. */
  bootingFrom(snapshotId: string): boolean {
    return this.store.get("SELECT 1 FROM sandbox_vms WHERE snapshot_id = ? AND status = 'provisioning'", snapshotId) !== undefined;
  }
}

/** Cached VMs are shared by every caller: freezing them makes a stray write throw instead of corrupting the cache. */
function frozen(vm: SandboxVm): SandboxVm {
  Object.freeze(vm.metadata);
  return Object.freeze(vm);
}

function toVm(row: Record<string, any>): SandboxVm {
  return {
    vmId: row.vm_id,
    owner: row.owner,
    sessionId: row.session_id,
    status: row.status,
    memoryMb: row.memory_mb,
    vcpuCount: row.vcpu_count,
    metadata: JSON.parse(row.metadata),
    snapshotId: row.snapshot_id,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
  };
}
