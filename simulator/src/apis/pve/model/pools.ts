// Resource pools: named groups of VMs and storages. A VM belongs to at most one pool.
import type { Store } from '../../../core/store.js';
import { PveError } from '../errors.js';

export interface Pool {
  poolid: string;
  comment: string;
}

export interface PoolMember {
  type: 'qemu' | 'storage';
  id: string;
}

export class Pools {
  /** goes up with every change to pools or their members */
  version = 0;

  constructor(private readonly store: Store) {}

  all(): Pool[] {
    return this.store.all<Pool>('SELECT poolid, comment FROM pve_pools ORDER BY poolid');
  }

  get(poolid: string): Pool | undefined {
    return this.store.get<Pool>('SELECT poolid, comment FROM pve_pools WHERE poolid = ?', poolid);
  }

  /** PVE's check_pool_exist: a missing pool is a permission failure (403). */
  require(poolid: string): Pool {
    const pool = this.get(poolid);
    if (!pool) throw new PveError(`Permission check failed (pool '${poolid}' does not exist)`, 403);
    return pool;
  }

  add(pool: Pool): void {
    this.version += 1;
    this.store.run('INSERT INTO pve_pools (poolid, comment) VALUES (?, ?)', pool.poolid, pool.comment);
  }

  members(poolid: string): PoolMember[] {
    return this.store.all<PoolMember>('SELECT type, id FROM pve_pool_members WHERE poolid = ? ORDER BY type, id', poolid);
  }

  poolOfVm(vmid: number): string | undefined {
    return this.store.get<{ poolid: string }>("SELECT poolid FROM pve_pool_members WHERE type = 'qemu' AND id = ?", String(vmid))?.poolid;
  }

  /** pool per vmid, for listings */
  vmPools(): Map<number, string> {
    const rows = this.store.all<{ poolid: string; id: string }>("SELECT poolid, id FROM pve_pool_members WHERE type = 'qemu'");
    return new Map(rows.map((r) => [Number(r.id), r.poolid]));
  }

  addMember(poolid: string, member: PoolMember): void {
    this.version += 1;
    this.store.run('INSERT OR REPLACE INTO pve_pool_members (poolid, type, id) VALUES (?, ?, ?)', poolid, member.type, member.id);
  }

  removeVm(vmid: number): void {
    this.version += 1;
    this.store.run("DELETE FROM pve_pool_members WHERE type = 'qemu' AND id = ?", String(vmid));
  }
}
