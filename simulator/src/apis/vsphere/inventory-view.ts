// The vCenter inventory as tables for the dashboard: datacenters, hosts, datastores (capacity bars), VMs.
import type { InventoryView } from '../../core/api-module.js';
import type { VsphereModel } from './model/index.js';

export function vsphereInventoryView(model: VsphereModel): InventoryView {
  const { inventory } = model;
  const vms = model.vms.list({});
  return {
    tables: [
      { title: 'Datacenters', columns: ['id', 'name'], rows: inventory.all('datacenter').map((d) => [d.id, d.name]) },
      {
        title: 'Hosts',
        columns: ['id', 'name', 'cluster', 'state', 'maintenance', 'VMs'],
        rows: inventory.all('host').map((h) => [h.id, h.name, h.cluster, h.connectionState, h.maintenance, vms.filter((vm) => vm.host === h.id).length]),
      },
      {
        title: 'Datastores',
        columns: ['id', 'name', 'type', 'accessible', 'space'],
        rows: inventory.all('datastore').map((d) => [d.id, d.name, d.type, d.accessible, { used: d.capacity - inventory.freeSpace(d), total: d.capacity, unit: 'B' }]),
      },
      {
        title: 'VMs',
        columns: ['id', 'name', 'power state', 'CPUs', 'memory MiB', 'host', 'folder', 'resource pool'],
        rows: vms.map((vm) => [vm.id, vm.name, vm.powerState, vm.cpuCount, vm.memoryMiB, vm.host, vm.folder, vm.resourcePool]),
      },
    ],
  };
}
