// Resource pools: GET /pools (optionally one pool with its members) and GET /pools/{poolid}.
import { hasPrivilege } from '../auth.js';
import { PveError } from '../errors.js';
import type { PveModel } from '../model/index.js';
import type { PveOperation } from '../operation.js';
import { storageSummary, vmSummary } from './views.js';

function poolInfo(model: PveModel, poolid: string, type: string | undefined) {
  const pool = model.pools.get(poolid);
  if (!pool) throw new PveError(`pool '${poolid}' does not exist`);
  const members: Record<string, unknown>[] = [];
  for (const member of model.pools.members(poolid)) {
    if (member.type === 'qemu' && (type === undefined || type === 'qemu')) {
      const vm = model.vms.get(Number(member.id));
      if (!vm) continue;
      const { vmid, name, status, template, cpus, maxmem, maxdisk, mem, disk, cpu, uptime, netin, netout, diskread, diskwrite } = vmSummary(model, vm);
      members.push({ id: `qemu/${vmid}`, vmid, node: vm.node, type: 'qemu', name, status, template: template ?? 0, maxcpu: cpus, maxmem, maxdisk, mem, disk, cpu, uptime, netin, netout, diskread, diskwrite });
    } else if (member.type === 'storage' && (type === undefined || type === 'storage')) {
      const storage = model.inventory.storage(member.id);
      if (!storage) continue;
      const node = storage.nodes[0] ?? model.inventory.nodes()[0]?.name ?? '';
      const s = storageSummary(model, storage, node);
      members.push({ id: `storage/${node}/${storage.id}`, storage: storage.id, node, type: 'storage', plugintype: storage.type, status: 'available', shared: s.shared, content: s.content, disk: s.used, maxdisk: s.total });
    }
  }
  return { members, ...(pool.comment ? { comment: pool.comment } : {}), poolid };
}

export const poolOperations: PveOperation[] = [
  {
    operationId: 'listPools',
    method: 'GET',
    path: '/pools',
    handle({ params, model, caller }) {
      if (params.poolid !== undefined) return hasPrivilege(caller, 'Pool.Audit') ? [poolInfo(model, params.poolid, params.type)] : [];
      if (!hasPrivilege(caller, 'Pool.Audit')) return [];
      return model.pools.all().map((p) => ({ poolid: p.poolid, ...(p.comment ? { comment: p.comment } : {}) }));
    },
  },
  {
    operationId: 'getPool',
    method: 'GET',
    path: '/pools/:poolid',
    privilege: (p) => [`/pool/${p.poolid}`, 'Pool.Audit'],
    handle: ({ params, model }) => poolInfo(model, params.poolid, params.type),
  },
];
