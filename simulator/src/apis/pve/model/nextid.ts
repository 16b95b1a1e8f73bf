// Free VM ids. `nextid` hands out the lowest id that is neither used nor reserved, and reserves it for a
// short while, so concurrent callers never get the same id (PVE 8 does the same). A cursor remembers
// where the lowest free id may be, so finding it does not scan every VM; it moves back when a VM is
// removed or a reservation expires.
import { PveParamError } from '../errors.js';
import type { PveModel } from './index.js';

export const RESERVATION_MS = 30_000;
const FIRST_VMID = 100;
const LAST_VMID = 999_999_999;

export class VmidAllocator {
  /** every id below it is in use or reserved */
  private cursor = FIRST_VMID;

  constructor(private readonly model: PveModel) {}

  /** Start again from the lowest id (after a scenario load or a state import). */
  forget(): void {
    this.cursor = FIRST_VMID;
  }

  next(wanted?: number): number {
    const { store, vms } = this.model;
    return store.transaction(() => {
      const now = this.model.now();
      const expired = store.get<{ lowest: number | null }>('SELECT MIN(vmid) AS lowest FROM pve_vmid_reservations WHERE expires_at <= ?', now)?.lowest;
      if (expired != null) {
        store.run('DELETE FROM pve_vmid_reservations WHERE expires_at <= ?', now);
        this.cursor = Math.min(this.cursor, expired);
      }
      const removed = vms.takeLowestRemoved();
      if (removed !== undefined) this.cursor = Math.max(FIRST_VMID, Math.min(this.cursor, removed));
      if (wanted !== undefined) {
        if (vms.exists(wanted)) throw new PveParamError({ vmid: `VM ${wanted} already exists` });
        return wanted;
      }
      let id = this.cursor;
      while (id <= LAST_VMID && (vms.exists(id) || store.get('SELECT 1 FROM pve_vmid_reservations WHERE vmid = ?', id) !== undefined)) id += 1;
      if (id > LAST_VMID) throw new PveParamError({ vmid: 'unable to get any free VMID in range [100, 999999999]' });
      store.run('INSERT INTO pve_vmid_reservations (vmid, expires_at) VALUES (?, ?)', id, now + RESERVATION_MS);
      this.cursor = id + 1;
      return id;
    });
  }
}
