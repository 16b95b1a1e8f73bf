// QEMU VMs: list, config, status, power, resize, template, destroy, clone.
import { hasPrivilege } from '../auth.js';
import { cloneVm } from '../model/clone.js';
import { createVm } from '../model/create.js';
import { updateConfigNow, updateConfigTask, resizeDisk } from '../model/config.js';
import { convertToTemplate, destroyVm, type PowerAction, powerAction } from '../model/lifecycle.js';
import { configDigest, type VmConfig } from '../model/vms.js';
import type { PveOperation } from '../operation.js';
import { vmSummary, type VmSummaryView } from './views.js';

const vmPath = (p: Record<string, any>) => `/vms/${p.vmid}`;

function power(operationId: string, action: PowerAction): PveOperation {
  return {
    operationId,
    method: 'POST',
    path: `/nodes/:node/qemu/:vmid/status/${action}`,
    privilege: (p) => [vmPath(p), 'VM.PowerMgmt'],
    handle: ({ params, model, caller, taskPlan }) => powerAction(model, params.node, params.vmid, action, caller.userid, params, taskPlan),
  };
}

export const qemuOperations: PveOperation[] = [
  {
    operationId: 'listVms',
    method: 'GET',
    path: '/nodes/:node/qemu',
    handle({ params, model, caller }) {
      model.inventory.requireNode(params.node);
      if (!hasPrivilege(caller, 'VM.Audit')) return [];
      return model.vms.peekOnNode(params.node).map((vm) => vmSummary(model, vm));
    },
  },
  {
    operationId: 'createVm',
    method: 'POST',
    path: '/nodes/:node/qemu',
    privilege: (p) => [vmPath(p), 'VM.Allocate'],
    handle: ({ params, model, caller, taskPlan }) => createVm(model, params.node, withoutNode(params), caller.userid, taskPlan),
  },
  {
    operationId: 'getVmConfig',
    method: 'GET',
    path: '/nodes/:node/qemu/:vmid/config',
    privilege: (p) => [vmPath(p), 'VM.Audit'],
    handle({ params, model }) {
      const vm = model.requireVm(params.node, params.vmid);
      if (params.snapshot !== undefined) {
        const snap = model.snapshots.require(vm.vmid, params.snapshot);
        return { ...snap.config, digest: configDigest(vm.config) };
      }
      const config: VmConfig = { ...vm.config, ...(vm.lock ? { lock: vm.lock } : {}) };
      if (config.cipassword !== undefined) config.cipassword = '**********';
      return { ...config, digest: configDigest(vm.config) };
    },
  },
  {
    operationId: 'updateVmConfigSync',
    method: 'PUT',
    path: '/nodes/:node/qemu/:vmid/config',
    privilege: (p) => [vmPath(p), 'VM.Config.Options'],
    handle({ params, model, caller }) {
      updateConfigNow(model, params.node, params.vmid, withoutPath(params), caller.userid);
      return null;
    },
  },
  {
    operationId: 'updateVmConfig',
    method: 'POST',
    path: '/nodes/:node/qemu/:vmid/config',
    privilege: (p) => [vmPath(p), 'VM.Config.Options'],
    handle: ({ params, model, caller, taskPlan }) => updateConfigTask(model, params.node, params.vmid, withoutPath(params), caller.userid, taskPlan),
  },
  {
    operationId: 'resizeVmDisk',
    method: 'PUT',
    path: '/nodes/:node/qemu/:vmid/resize',
    privilege: (p) => [vmPath(p), 'VM.Config.Disk'],
    handle: ({ params, model, caller, taskPlan }) =>
      resizeDisk(model, params.node, params.vmid, { disk: params.disk, size: String(params.size), skiplock: params.skiplock, digest: params.digest }, caller.userid, taskPlan),
  },
  {
    operationId: 'convertToTemplate',
    method: 'POST',
    path: '/nodes/:node/qemu/:vmid/template',
    privilege: (p) => [vmPath(p), 'VM.Allocate'],
    handle: ({ params, model, caller, taskPlan }) => convertToTemplate(model, params.node, params.vmid, caller.userid, taskPlan),
  },
  {
    operationId: 'getVmStatus',
    method: 'GET',
    path: '/nodes/:node/qemu/:vmid/status/current',
    privilege: (p) => [vmPath(p), 'VM.Audit'],
    handle({ params, model }) {
      const vm = model.peekVm(params.node, params.vmid);
      const status: VmSummaryView & { qmpstatus?: string; ha?: { managed: 0 }; agent?: 0 | 1 } = vmSummary(model, vm);
      status.qmpstatus = vm.status;
      status.ha = { managed: 0 };
      status.agent = agentEnabled(vm.config.agent) ? 1 : 0;
      return status;
    },
  },
  power('startVm', 'start'),
  power('stopVm', 'stop'),
  power('shutdownVm', 'shutdown'),
  power('rebootVm', 'reboot'),
  {
    operationId: 'deleteVm',
    method: 'DELETE',
    path: '/nodes/:node/qemu/:vmid',
    privilege: (p) => [vmPath(p), 'VM.Allocate'],
    handle: ({ params, model, caller, taskPlan }) => destroyVm(model, params.node, params.vmid, caller.userid, params, taskPlan),
  },
  {
    operationId: 'cloneVm',
    method: 'POST',
    path: '/nodes/:node/qemu/:vmid/clone',
    privilege: (p) => [vmPath(p), 'VM.Clone'],
    handle: ({ params, model, caller, taskPlan }) => cloneVm(model, params.node, params.vmid, withoutPath(params) as never, caller.userid, taskPlan),
  },
];

function agentEnabled(agent: string | number | undefined): boolean {
  if (agent === undefined) return false;
  const first = String(agent).split(',')[0];
  return first === '1' || first === 'enabled=1';
}

function withoutNode(params: Record<string, any>): Record<string, any> {
  const { node: _node, ...rest } = params;
  return rest;
}

function withoutPath(params: Record<string, any>): Record<string, any> {
  const { node: _node, vmid: _vmid, ...rest } = params;
  return rest;
}
