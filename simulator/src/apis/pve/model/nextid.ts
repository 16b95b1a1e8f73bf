// Free VM ids. `nextid` hands out the lowest id that is neither used nor reserved, and reserves it for a
// short while, so concurrent callers never get the same id (PVE 8 does the same).
import { PveParamError } from '../errors.js';
import type { PveModel } from './index.js';

export const RESERVATION_MS = 30_000;
const FIRST_VMID = 100;
const LAST_VMID = 999_999_999;

export function nextFreeId(model: PveModel, wanted?: number): number {
  return model.store.transaction(() => {
    const now = model.now();
    model.store.run('DELETE FROM pve_vmid_reservations WHERE expires_at <= ?', now);
    if (wanted !== undefined) {
      if (model.vms.exists(wanted)) throw new PveParamError({ vmid: `VM ${wanted} already exists` });
      return wanted;
    }
    const taken = new Set([
      ...model.vms.ids(),
      ...model.store.all<{ vmid: number }>('SELECT vmid FROM pve_vmid_reservations').map((r) => r.vmid),
    ]);
    let id = FIRST_VMID;
    while (taken.has(id)) id += 1;
    if (id > LAST_VMID) throw new PveParamError({ vmid: 'unable to get any free VMID in range [100, 999999999]' });
    model.store.run('INSERT INTO pve_vmid_reservations (vmid, expires_at) VALUES (?, ?)', id, now + RESERVATION_MS);
    return id;
  });
}
