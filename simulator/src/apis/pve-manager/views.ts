// How records look on the wire: snake_case fields, `_id` as MongoDB names it, ISO times of the virtual clock.
import type { Box, Template } from './model/catalog.js';
import type { Plan, Usage } from './model/plans.js';
import { type ManagerTask, stepsDone } from './model/tasks.js';
import type { User } from './model/users.js';
import type { ManagedVm } from './model/vms.js';

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

export function userView(user: User) {
  return { _id: user.id, email: user.email, role: user.role, crp_id: user.planId };
}

export function templateView(t: Template) {
  return { _id: t.id, name: t.name, description: t.description, pve_vmid: t.pveVmid, pve_node: t.pveNode, owner: t.owner, is_public: t.isPublic, status: t.status, created_at: iso(t.createdAt) };
}

export function boxView(b: Box, template: Template | undefined) {
  return {
    _id: b.id, name: b.name, description: b.description, template_id: b.templateId, is_public: b.isPublic, created_at: iso(b.createdAt),
    template: template ? { _id: template.id, name: template.name, pve_vmid: template.pveVmid, pve_node: template.pveNode } : null,
  };
}

export function planView(plan: Plan) {
  return { _id: plan.id, name: plan.name, ...plan.limits };
}

export function usageView(usage: Usage) {
  return { used_cpu_cores: usage.cpu_cores, used_memory: usage.memory, used_storage: usage.storage, used_vms: usage.vms };
}

export function vmView(vm: ManagedVm) {
  return {
    _id: vm.id, name: vm.name, vmid: vm.vmid, node: vm.node, storage: vm.storage, template_id: vm.templateId, box_id: vm.boxId,
    cpu_cores: vm.cpuCores, memory: vm.memoryMb, disk_size: vm.diskGb, status: vm.status, owner: vm.owner, created_at: iso(vm.createdAt),
  };
}

export function taskView(task: ManagerTask) {
  const done = stepsDone(task.steps);
  const progress = task.status === 'completed' ? 100 : Math.floor((done * 100) / Math.max(1, task.steps.length));
  const c = task.context as Record<string, unknown>;
  return {
    task_id: task.id,
    type: task.type,
    status: task.status,
    progress,
    message: task.message,
    error_message: task.error,
    user_id: task.owner,
    vm_name: (c.vmName ?? c.name ?? null) as string | null,
    vmid: (c.vmid ?? null) as number | null,
    node: (c.node ?? null) as string | null,
    steps: task.steps.map((s) => ({ ...s, step_start_time: iso(s.step_start_time), step_end_time: iso(s.step_end_time) })),
    created_at: iso(task.createdAt),
    updated_at: iso(task.updatedAt),
    completed_at: iso(task.completedAt),
  };
}
