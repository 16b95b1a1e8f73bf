// The VMs the service created for its users. A row exists from the moment a request is accepted (it
// holds the plan usage) until PVE destroyed the VM.
import type { Store } from '../../../core/store.js';

export type VmStatus = 'creating' | 'ready' | 'deleting' | 'error';

export interface ManagedVm {
  id: string;
  owner: string;
  name: string;
  /** null until PVE handed out an id */
  vmid: number | null;
  node: string;
  storage: string;
  templateId: string;
  boxId: string | null;
  cpuCores: number;
  memoryMb: number;
  diskGb: number;
  status: VmStatus;
  createdAt: number;
}

interface VmRow {
  id: string;
  owner: string;
  name: string;
  vmid: number | null;
  node: string;
  storage: string;
  template_id: string;
  box_id: string | null;
  cpu_cores: number;
  memory_mb: number;
  disk_gb: number;
  status: VmStatus;
  created_at: number;
}

const fromRow = (r: VmRow): ManagedVm => ({
  id: r.id, owner: r.owner, name: r.name, vmid: r.vmid, node: r.node, storage: r.storage, templateId: r.template_id, boxId: r.box_id,
  cpuCores: r.cpu_cores, memoryMb: r.memory_mb, diskGb: r.disk_gb, status: r.status, createdAt: r.created_at,
});

export class ManagedVms {
  constructor(private readonly store: Store) {}

  insert(vm: ManagedVm): void {
    this.store.run(
      `INSERT INTO mgr_vms (id, owner, name, vmid, node, storage, template_id, box_id, cpu_cores, memory_mb, disk_gb, status, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      vm.id, vm.owner, vm.name, vm.vmid, vm.node, vm.storage, vm.templateId, vm.boxId, vm.cpuCores, vm.memoryMb, vm.diskGb, vm.status, vm.createdAt,
    );
  }

  get(id: string): ManagedVm | undefined {
    const row = this.store.get<VmRow>('SELECT * FROM mgr_vms WHERE id = ?', id);
    return row && fromRow(row);
  }

  ownedBy(owner: string): ManagedVm[] {
    return this.store.all<VmRow>('SELECT * FROM mgr_vms WHERE owner = ? ORDER BY created_at, id', owner).map(fromRow);
  }

  all(): ManagedVm[] {
    return this.store.all<VmRow>('SELECT * FROM mgr_vms ORDER BY created_at, id').map(fromRow);
  }

  setVmid(id: string, vmid: number): void {
    this.store.run('UPDATE mgr_vms SET vmid = ? WHERE id = ?', vmid, id);
  }

  setStatus(id: string, status: VmStatus): void {
    this.store.run('UPDATE mgr_vms SET status = ? WHERE id = ?', status, id);
  }

  /** The VM is gone: its usage returns to the owner's plan. */
  remove(id: string): void {
    this.store.run('DELETE FROM mgr_vms WHERE id = ?', id);
  }
}
