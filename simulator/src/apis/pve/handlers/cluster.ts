// Cluster-wide views: version, nodes, resources, next free VM id.
import { hasPrivilege } from '../auth.js';
import { PveRawJson } from '../errors.js';
import type { PveModel } from '../model/index.js';
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
      const parts: string[] = [];
      // what the caller may not see is left out, not refused; pools only appear in the unfiltered list
      const seePools = hasPrivilege(caller, 'Pool.Audit');
      if (type === undefined && seePools) for (const pool of model.pools.all()) parts.push(JSON.stringify({ id: `/pool/${pool.poolid}`, type: 'pool', pool: pool.poolid }));
      if ((type === undefined || type === 'vm') && hasPrivilege(caller, 'VM.Audit')) {
        const vms = vmResourcesJson(model, seePools);
        if (vms !== '') parts.push(vms);
      }
      if ((type === undefined || type === 'storage') && hasPrivilege(caller, 'Datastore.Audit'))
        for (const node of model.inventory.nodes())
          for (const storage of model.inventory.storagesOn(node.name)) {
            const s = storageSummary(model, storage, node.name);
            parts.push(JSON.stringify({ id: `storage/${node.name}/${storage.id}`, type: 'storage', node: node.name, storage: storage.id, status: 'available', shared: s.shared, content: s.content, plugintype: storage.type, disk: s.used, maxdisk: s.total }));
          }
      if (type === undefined || type === 'node')
        for (const node of model.inventory.nodes()) {
          const n = nodeSummary(model, node);
          parts.push(JSON.stringify({ id: n.id, type: 'node', node: node.name, status: n.status, maxcpu: n.maxcpu, maxmem: n.maxmem, mem: n.mem, cpu: n.cpu, disk: n.disk, maxdisk: n.maxdisk, uptime: n.uptime }));
        }
      return new PveRawJson(`[${parts.join(',')}]`);
    },
  },
  {
    operationId: 'getNextId',
    method: 'GET',
    path: '/cluster/nextid',
    handle: ({ params, model }) => String(model.vmids.next(params.vmid as number | undefined)),
  },
];

/** The VM rows of /cluster/resources as JSON text, kept while no VM or pool changes and the clock stays in
 * the same second (uptimes count whole seconds; PVE's own figures lag by several). 10,000 VMs make 2 MB. */
const vmRowsCache = new WeakMap<PveModel, { key: string; json: string }>();

function vmResourcesJson(model: PveModel, seePools: boolean): string {
  const key = `${model.vms.version}/${model.pools.version}/${Math.floor(model.now() / 1000)}/${seePools}`;
  const cached = vmRowsCache.get(model);
  if (cached?.key === key) return cached.json;
  const pools = seePools ? model.pools.vmPools() : new Map<number, string>();
  const rows: string[] = [];
  for (const vm of model.vms.peekAll()) {
    const { vmid, name, status, template, lock, tags, cpus, maxmem, maxdisk, mem, disk, cpu, uptime } = vmSummary(model, vm);
    const row: Record<string, unknown> = { id: `qemu/${vmid}`, type: 'qemu', node: vm.node, vmid, name, status, maxcpu: cpus, maxmem, maxdisk, mem, disk, cpu, uptime, template: template ?? 0 };
    if (lock) row.lock = lock;
    if (tags) row.tags = tags;
    const pool = pools.get(vmid);
    if (pool) row.pool = pool;
    rows.push(JSON.stringify(row));
  }
  const json = rows.join(',');
  vmRowsCache.set(model, { key, json });
  return json;
}
