// Storages as a node sees them, and what is on them.
import { hasPrivilege } from '../auth.js';
import type { PveModel } from '../model/index.js';
import { disksOf } from '../model/vms.js';
import type { PveOperation } from '../operation.js';
import { storageSummary } from './views.js';

export const storageOperations: PveOperation[] = [
  {
    operationId: 'listStorages',
    method: 'GET',
    path: '/nodes/:node/storage',
    handle({ params, model, caller }) {
      model.inventory.requireNode(params.node);
      if (!hasPrivilege(caller, 'Datastore.Audit')) return [];
      return model.inventory
        .storagesOn(params.node)
        .filter((s) => (params.storage === undefined || s.id === params.storage) && (params.content === undefined || s.content.split(',').includes(params.content)))
        .filter(() => params.enabled === undefined || params.enabled === 1)
        .map((s) => storageSummary(model, s, params.node));
    },
  },
  {
    operationId: 'listStorageContent',
    method: 'GET',
    path: '/nodes/:node/storage/:storage/content',
    privilege: (p) => [`/storage/${p.storage}`, 'Datastore.Audit'],
    handle({ params, model }) {
      model.inventory.requireNode(params.node);
      const storage = model.inventory.requireStorage(params.storage, params.node);
      if (params.content !== undefined && params.content !== 'images') return [];
      return model.inventory
        .volumesOn(storage, params.node)
        .filter((v) => params.vmid === undefined || v.vmid === params.vmid)
        .map((v) => ({ volid: v.volid, format: v.format, size: configuredSize(model, v.vmid, v.volid) ?? v.size, used: v.size, vmid: v.vmid, content: 'images', ctime: v.ctime }));
    },
  },
];

/** A thin or linked volume reports its logical size, which the VM's config holds. */
function configuredSize(model: PveModel, vmid: number, volid: string): number | undefined {
  const vm = model.vms.get(vmid);
  return vm ? disksOf(vm.config).find((disk) => disk.volid === volid)?.size : undefined;
}
