// Cluster-wide views: version, nodes, resources, next free VM id.
import { hasPrivilege } from '../auth.js';
import type { PveOperation } from '../operation.js';
import { nodeSummary, storageSummary, vmSummary } from './views.js';

export const PVE_VERSION = { version: '8.2.4', release: '8.2', repoid: 'faa83925c9641325' };

export const clusterOperations: PveOperation[] = [
  { operationId: 'getVersion', method: 'GET', path: '/version', handle: () => PVE_VERSION },
  {
    operationId: 'listNodes',
    method: 'GET',
    path: '/nodes',
    handle: ({ model }) => model.inventory.nodes().map((node) => nodeSummary(model, node)),
  },
  {
    operationId: 'getClusterResources',
    method: 'GET',
    path: '/cluster/resources',
    handle({ params, model, caller }) {
      const type = params.type as string | undefined;
      const out: unknown[] = [];
      // what the caller may not see is left out, not refused; pools only appear in the unfiltered list
      const seePools = hasPrivilege(caller, 'Pool.Audit');
      if (type === undefined && seePools) for (const pool of model.pools.all()) out.push({ id: `/pool/${pool.poolid}`, type: 'pool', pool: pool.poolid });
      if ((type === undefined || type === 'vm') && hasPrivilege(caller, 'VM.Audit')) {
        const pools = seePools ? model.pools.vmPools() : new Map<number, string>();
        for (const vm of model.vms.all()) {
          const { vmid, name, status, template, lock, tags, cpus, maxmem, maxdisk, mem, disk, cpu, uptime } = vmSummary(model, vm);
          const pool = pools.get(vmid);
          out.push({ id: `qemu/${vmid}`, type: 'qemu', node: vm.node, vmid, name, status, maxcpu: cpus, maxmem, maxdisk, mem, disk, cpu, uptime, template: template ?? 0, ...(lock ? { lock } : {}), ...(tags ? { tags } : {}), ...(pool ? { pool } : {}) });
        }
      }
      if ((type === undefined || type === 'storage') && hasPrivilege(caller, 'Datastore.Audit'))
        for (const node of model.inventory.nodes())
          for (const storage of model.inventory.storagesOn(node.name)) {
            const s = storageSummary(model, storage, node.name);
            out.push({ id: `storage/${node.name}/${storage.id}`, type: 'storage', node: node.name, storage: storage.id, status: 'available', shared: s.shared, content: s.content, plugintype: storage.type, disk: s.used, maxdisk: s.total });
          }
      if (type === undefined || type === 'node')
        for (const node of model.inventory.nodes()) {
          const n = nodeSummary(model, node);
          out.push({ id: n.id, type: 'node', node: node.name, status: n.status, maxcpu: n.maxcpu, maxmem: n.maxmem, mem: n.mem, cpu: n.cpu, disk: n.disk, maxdisk: n.maxdisk, uptime: n.uptime });
        }
      return out;
    },
  },
  {
    operationId: 'getNextId',
    method: 'GET',
    path: '/cluster/nextid',
    handle: ({ params, model }) => String(model.vmids.next(params.vmid as number | undefined)),
  },
];
