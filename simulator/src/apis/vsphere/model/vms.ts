// Virtual machines and their disks. A VM that a clone task is still creating has `pendingTask` set: it
// holds its name and its datastore space, but reads and lists do not show it until the task ends.
import type { Store } from '../../../core/store.js';
import { notFound } from '../errors.js';
import type { Inventory } from './inventory.js';

export type PowerState = 'POWERED_ON' | 'POWERED_OFF' | 'SUSPENDED';

export interface Vm {
  id: string;
  name: string;
  datacenter: string;
  folder: string;
  resourcePool: string;
  host: string;
  cluster: string | null;
  powerState: PowerState;
  cpuCount: number;
  memoryMiB: number;
  guestOs: string;
  uuid: string;
  pendingTask: string | null;
}

export interface Disk {
  vm: string;
  /** the device key, e.g. "2000" */
  key: string;
  label: string;
  capacity: number;
  datastore: string;
}

export interface VmFilter {
  vms?: string[];
  names?: string[];
  folders?: string[];
  datacenters?: string[];
  hosts?: string[];
  clusters?: string[];
  resource_pools?: string[];
  power_states?: string[];
}

interface VmRow {
  id: string;
  name: string;
  datacenter: string;
  folder: string;
  resource_pool: string;
  host: string;
  cluster: string | null;
  power_state: PowerState;
  cpu_count: number;
  memory_mib: number;
  guest_os: string;
  uuid: string;
  pending_task: string | null;
}

export class Vms {
  constructor(
    private readonly store: Store,
    private readonly inventory: Inventory,
  ) {}

  /** A visible VM (not one a clone is still creating). */
  get(id: string): Vm | undefined {
    const row = this.store.get<VmRow>('SELECT * FROM vsphere_vms WHERE id = ? AND pending_task IS NULL', id);
    return row ? toVm(row) : undefined;
  }

  require(id: string): Vm {
    const vm = this.get(id);
    if (!vm) throw notFound('Virtual machine', id);
    return vm;
  }

  /** Visible VMs matching every given filter (an unset or empty set matches any value, as in vCenter). */
  list(filter: VmFilter): Vm[] {
    const sets = Object.entries(filter).filter(([, v]) => v !== undefined && v.length > 0) as Array<[keyof VmFilter, string[]]>;
    const field: Record<keyof VmFilter, (vm: Vm) => string | null> = {
      vms: (vm) => vm.id,
      names: (vm) => vm.name,
      folders: (vm) => vm.folder,
      datacenters: (vm) => vm.datacenter,
      hosts: (vm) => vm.host,
      clusters: (vm) => vm.cluster,
      resource_pools: (vm) => vm.resourcePool,
      power_states: (vm) => vm.powerState,
    };
    const wanted = sets.map(([key, values]) => [field[key], new Set(values)] as const);
    return this.store
      .all<VmRow>('SELECT * FROM vsphere_vms WHERE pending_task IS NULL ORDER BY CAST(SUBSTR(id, 4) AS INTEGER)')
      .map(toVm)
      .filter((vm) => wanted.every(([get, values]) => values.has(get(vm) ?? '')));
  }

  /** Whether a VM of that name (visible or being created) is in the folder. */
  nameTaken(folder: string, name: string): boolean {
    return this.store.get('SELECT 1 FROM vsphere_vms WHERE folder = ? AND name = ?', folder, name) !== undefined;
  }

  insert(vm: Vm, disks: Disk[]): void {
    this.store.run(
      `INSERT INTO vsphere_vms (id, name, datacenter, folder, resource_pool, host, cluster, power_state, cpu_count, memory_mib, guest_os, uuid, pending_task)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      vm.id, vm.name, vm.datacenter, vm.folder, vm.resourcePool, vm.host, vm.cluster, vm.powerState, vm.cpuCount, vm.memoryMiB, vm.guestOs, vm.uuid, vm.pendingTask,
    );
    for (const disk of disks) {
      this.store.run('INSERT INTO vsphere_disks (vm, key, label, capacity, datastore) VALUES (?, ?, ?, ?, ?)', vm.id, disk.key, disk.label, disk.capacity, disk.datastore);
      this.inventory.adjustUsage(disk.datastore, disk.capacity);
    }
  }

  disks(vm: string): Disk[] {
    return this.store.all<Disk>('SELECT * FROM vsphere_disks WHERE vm = ? ORDER BY CAST(key AS INTEGER)', vm);
  }

  setPowerState(id: string, state: PowerState): void {
    this.store.run('UPDATE vsphere_vms SET power_state = ? WHERE id = ?', state, id);
  }

  /** The clone that created the VM ended: it becomes visible, powered on if the clone asked for it. */
  reveal(id: string, state: PowerState): void {
    this.store.run('UPDATE vsphere_vms SET pending_task = NULL, power_state = ? WHERE id = ?', state, id);
  }

  /** Removes the VM and its disks, giving their space back. */
  remove(id: string): void {
    for (const disk of this.disks(id)) this.inventory.adjustUsage(disk.datastore, -disk.capacity);
    this.store.run('DELETE FROM vsphere_disks WHERE vm = ?', id);
    this.store.run('DELETE FROM vsphere_vms WHERE id = ?', id);
  }

  count(): number {
    return this.store.get<{ n: number }>('SELECT COUNT(*) AS n FROM vsphere_vms WHERE pending_task IS NULL')?.n ?? 0;
  }
}

function toVm(row: VmRow): Vm {
  return {
    id: row.id,
    name: row.name,
    datacenter: row.datacenter,
    folder: row.folder,
    resourcePool: row.resource_pool,
    host: row.host,
    cluster: row.cluster,
    powerState: row.power_state,
    cpuCount: row.cpu_count,
    memoryMiB: row.memory_mib,
    guestOs: row.guest_os,
    uuid: row.uuid,
    pendingTask: row.pending_task,
  };
}
