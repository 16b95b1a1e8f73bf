// One node's status.
import type { PveOperation } from '../operation.js';
import { nodeSummary } from './views.js';

export const nodeOperations: PveOperation[] = [
  {
    operationId: 'getNodeStatus',
    method: 'GET',
    path: '/nodes/:node/status',
    privilege: (p) => [`/nodes/${p.node}`, 'Sys.Audit'],
    handle({ params, model }) {
      const node = model.inventory.requireNode(params.node);
      const s = nodeSummary(model, node);
      const rootTotal = s.maxdisk;
      return {
        cpu: s.cpu,
        cpuinfo: { cpus: node.cores, model: 'hypersim virtual CPU', sockets: 1, cores: node.cores },
        memory: { total: node.memory, used: s.mem, free: node.memory - s.mem },
        rootfs: { total: rootTotal, used: s.disk, avail: rootTotal - s.disk, free: rootTotal - s.disk },
        uptime: s.uptime,
        loadavg: ['0.12', '0.08', '0.05'],
        pveversion: 'pve-manager/8.2.4/faa83925c9641325',
        kversion: 'Linux 6.8.12-1-pve #1 SMP PREEMPT_DYNAMIC PMX 6.8.12-1',
      };
    },
  },
];
