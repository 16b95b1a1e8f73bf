// Free VM ids. `nextid` hands out the lowest id that is neither used nor reserved, and reserves it for a
// short while, so concurrent callers never get the same id (PVE 8 does the same). Reservations live in
// memory: they matter for seconds, and a restart ends the requests that held them. A cursor remembers
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
  /** vmid -> virtual time its reservation ends */
  private readonly reserved = new Map<number, number>();

  constructor(private readonly model: PveModel) {}

  /** Start again from the lowest id (after a scenario load, a state import or a rollback). */
  forget(): void {
    this.cursor = FIRST_VMID;
  }

  /** Drop every reservation (the store was reset). */
  clear(): void {
    this.reserved.clear();
    this.forget();
  }

  /** The id is taken now: its reservation, if any, is no longer needed. */
  release(vmid: number): void {
    this.reserved.delete(vmid);
  }

  next(wanted?: number): number {
    const { vms } = this.model;
    const now = this.model.now();
    for (const [vmid, until] of this.reserved) {
      if (until > now) continue;
      this.reserved.delete(vmid);
      this.cursor = Math.min(this.cursor, vmid);
    }
    const removed = vms.takeLowestRemoved();
    if (removed !== undefined) this.cursor = Math.max(FIRST_VMID, Math.min(this.cursor, removed));
    if (wanted !== undefined) {
      if (vms.exists(wanted)) throw new PveParamError({ vmid: `VM ${wanted} already exists` });
      return wanted;
    }
    let id = this.cursor;
    while (id <= LAST_VMID && (this.reserved.has(id) || vms.exists(id))) id += 1;
    if (id > LAST_VMID) throw new PveParamError({ vmid: 'unable to get any free VMID in range [100, 999999999]' });
    this.reserved.set(id, now + RESERVATION_MS);
    this.cursor = id + 1;
    return id;
  }
}
