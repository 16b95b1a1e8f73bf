// What the dashboard shows of the simulated cluster: nodes, VMs with their disks, storages with their use.
import type { InventoryCell, InventoryView } from '../../core/api-module.js';
import type { PveModel } from './model/index.js';
import { formatSize } from './model/units.js';
import { disksOf } from './model/vms.js';

const MiB = 1024 ** 2;

export function pveInventory(model: PveModel): InventoryView {
  const nodes = model.inventory.nodes();
  const vms = model.vms.all();
  const storages = model.inventory.storages();

  const nodeRows: InventoryCell[][] = nodes.map((node) => {
    const onNode = vms.filter((vm) => vm.node === node.name && !vm.template);
    const running = onNode.filter((vm) => vm.status === 'running');
    const memoryInUse = running.reduce((sum, vm) => sum + Number(vm.config.memory ?? 0) * MiB, 0);
    return [node.name, node.status, node.cores, `${running.length}/${onNode.length}`, { used: memoryInUse, total: node.memory, unit: 'B' }];
  });

  const vmRows: InventoryCell[][] = vms.map((vm) => {
    const disks = disksOf(vm.config);
    return [
      vm.vmid,
      String(vm.config.name ?? ''),
      vm.node,
      vm.template ? 'template' : vm.status,
      vm.lock,
      Number(vm.config.cores ?? 1),
      disks.map((d) => `${d.key}: ${d.volid} (${formatSize(d.size)})`).join(', '),
    ];
  });

  const storageRows: InventoryCell[][] = [];
  for (const storage of storages) {
    const seenFrom = storage.shared ? [nodes[0]?.name] : nodes.filter((n) => storage.nodes.length === 0 || storage.nodes.includes(n.name)).map((n) => n.name);
    for (const node of seenFrom) {
      if (node === undefined) continue;
      storageRows.push([
        storage.id,
        storage.shared ? 'shared' : node,
        storage.type,
        storage.content,
        { used: model.inventory.used(storage, node), total: storage.total, unit: 'B' },
      ]);
    }
  }

  return {
    tables: [
      { title: 'Nodes', columns: ['node', 'status', 'cores', 'running VMs', 'memory of running VMs'], rows: nodeRows },
      { title: 'VMs', columns: ['vmid', 'name', 'node', 'status', 'lock', 'cores', 'disks'], rows: vmRows },
      { title: 'Storages', columns: ['storage', 'node', 'type', 'content', 'used'], rows: storageRows },
    ],
  };
}
