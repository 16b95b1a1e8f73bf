// Migration and the guest agent of a VM.
import { guestInterfaces, requireAgent } from '../model/agent.js';
import { migratePreconditions, migrateVm } from '../model/migrate.js';
import type { PveOperation } from '../operation.js';

const vmPath = (p: Record<string, any>) => `/vms/${p.vmid}`;
const AGENT_AUDIT = (p: Record<string, any>): [string, string[]] => [vmPath(p), ['VM.GuestAgent.Audit', 'VM.GuestAgent.Unrestricted']];

export const guestOperations: PveOperation[] = [
  {
    operationId: 'getMigratePreconditions',
    method: 'GET',
    path: '/nodes/:node/qemu/:vmid/migrate',
    privilege: (p) => [vmPath(p), 'VM.Migrate'],
    handle: ({ params, model }) => migratePreconditions(model, params.node, params.vmid),
  },
  {
    operationId: 'migrateVm',
    method: 'POST',
    path: '/nodes/:node/qemu/:vmid/migrate',
    privilege: (p) => [vmPath(p), 'VM.Migrate'],
    handle({ params, model, caller, taskPlan }) {
      const { node, vmid, ...rest } = params;
      return migrateVm(model, node, vmid, rest as never, caller.userid, taskPlan);
    },
  },
  {
    operationId: 'agentPing',
    method: 'POST',
    path: '/nodes/:node/qemu/:vmid/agent/ping',
    privilege: AGENT_AUDIT,
    handle({ params, model }) {
      requireAgent(model, params.node, params.vmid);
      return { result: {} };
    },
  },
  {
    operationId: 'agentNetworkGetInterfaces',
    method: 'GET',
    path: '/nodes/:node/qemu/:vmid/agent/network-get-interfaces',
    privilege: AGENT_AUDIT,
    handle({ params, model }) {
      const vm = requireAgent(model, params.node, params.vmid);
      return { result: guestInterfaces(model, vm) };
    },
  },
];
