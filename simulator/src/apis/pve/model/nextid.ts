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
    // the lowest candidate that is free: 100 itself, or one past an id in use
    const id =
      model.store.get<{ id: number | null }>(
        `SELECT MIN(c) AS id FROM (
           SELECT ${FIRST_VMID} AS c UNION ALL SELECT vmid + 1 FROM pve_vms UNION ALL SELECT vmid + 1 FROM pve_vmid_reservations)
         WHERE c >= ${FIRST_VMID} AND c NOT IN (SELECT vmid FROM pve_vms) AND c NOT IN (SELECT vmid FROM pve_vmid_reservations)`,
      )?.id ?? FIRST_VMID;
    if (id > LAST_VMID) throw new PveParamError({ vmid: 'unable to get any free VMID in range [100, 999999999]' });
    model.store.run('INSERT INTO pve_vmid_reservations (vmid, expires_at) VALUES (?, ?)', id, now + RESERVATION_MS);
    return id;
  });
}
