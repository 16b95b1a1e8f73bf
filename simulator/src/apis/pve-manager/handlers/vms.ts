// createFromBoxTemplate and delete. Everything that can refuse a request is checked, and the VM recorded
// against the plan, in one synchronous transaction before the first call to PVE: concurrent requests
// cannot both take the last of a plan.
import { ManagerError } from '../errors.js';
import { CLONE_FAILED, CREATE_STEPS, CREATED, type CreateVmContext } from '../flows/create-vm.js';
import { DELETE_FAILED, DELETE_STEPS, type DeleteVmContext } from '../flows/delete-vm.js';
import { startSteps } from '../flows/engine.js';
import { mayUse } from '../model/catalog.js';
import { type ManagerTask, newStep } from '../model/tasks.js';
import type { User } from '../model/users.js';
import type { ManagerOperation } from '../operation.js';
import { PLAN_NOT_FOUND } from './discovery.js';

export const INVALID_VM_NAME = 'Invalid VM name. Name must contain only alphanumeric characters, hyphens, and dots...';
export const NO_TEMPLATE_PERMISSION = 'You do not have permission to use this template';

/** cloud-init's user: the local part of the owner's email, as a Linux user name */
function cloudInitUser(user: User): string {
  const local = user.email.split('@')[0]!.toLowerCase().replace(/[^a-z0-9_-]/g, '');
  return /^[a-z_]/.test(local) ? local.slice(0, 32) : 'hypersim';
}

export const vmOperations: ManagerOperation[] = [
  {
    operationId: 'createFromBoxTemplate',
    method: 'POST',
    path: '/vm/manage/createFromBoxTemplate',
    missingFields: 'Missing required fields: box_id, name, target, cpuCores, memorySize, diskSize',
    invalidField: { name: INVALID_VM_NAME, box_id: 'Invalid box_id: must be a 24-character hex id' },
    async handle({ body, user, model, runner }) {
      const now = model.now();
      const task = model.ctx.store.transaction((): ManagerTask<CreateVmContext> => {
        const box = model.catalog.box(body.box_id);
        if (!box) throw new ManagerError(404, 'Box not found');
        const template = model.catalog.template(box.templateId);
        if (!template || template.status !== 'ready') throw new ManagerError(404, 'Template not found');
        if (!mayUse(user, template)) throw new ManagerError(403, NO_TEMPLATE_PERMISSION);
        const plan = user.planId ? model.plans.get(user.planId) : undefined;
        if (!plan) throw new ManagerError(404, PLAN_NOT_FOUND);
        model.plans.check(plan, model.plans.usageOf(user.id), { cpuCores: body.cpuCores, memorySize: body.memorySize, diskSize: body.diskSize });
        const storage: string = body.storage ?? 'NFS';
        const vmRecordId = model.newId();
        model.vms.insert({
          id: vmRecordId, owner: user.id, name: body.name, vmid: null, node: body.target, storage, templateId: template.id, boxId: box.id,
          cpuCores: body.cpuCores, memoryMb: body.memorySize, diskGb: body.diskSize, status: 'creating', createdAt: now,
        });
        return model.tasks.insert<CreateVmContext>({
          id: model.tasks.freeId((ms) => `clone-${template.id}-${ms}-${user.id}`, now),
          owner: user.id, type: 'create_vm', status: 'pending', message: 'Waiting to start', error: null,
          createdAt: now, updatedAt: now, completedAt: null, steps: CREATE_STEPS.map(newStep),
          context: {
            vmRecordId, vmName: body.name, templateId: template.id, boxId: box.id, sourceVmid: template.pveVmid, sourceNode: template.pveNode,
            node: body.target, storage, vmid: null, cpuCores: body.cpuCores, memorySize: body.memorySize, diskSize: body.diskSize, ciuser: cloudInitUser(user),
          },
        });
      });
      await startSteps(model, runner.flows.create_vm, task, 0);
      if (task.status === 'failed') throw new ManagerError(500, CLONE_FAILED);
      return { message: CREATED, data: { task_id: task.id, vm_name: task.context.vmName, vmid: String(task.context.vmid) } };
    },
  },
  {
    operationId: 'deleteVm',
    method: 'DELETE',
    path: '/vm/manage/delete',
    missingFields: 'Missing required field: vm_id',
    invalidField: { vm_id: 'Invalid vm_id: must be a 24-character hex id' },
    async handle({ body, user, model, runner }) {
      const now = model.now();
      const task = model.ctx.store.transaction((): ManagerTask<DeleteVmContext> => {
        const vm = model.vms.get(body.vm_id);
        if (!vm || (vm.owner !== user.id && user.role !== 'SuperAdmin')) throw new ManagerError(404, 'VM not found');
        if (vm.status === 'creating') throw new ManagerError(409, 'VM is still being created');
        if (vm.status === 'deleting') throw new ManagerError(409, 'VM is already being deleted');
        model.vms.setStatus(vm.id, 'deleting');
        return model.tasks.insert<DeleteVmContext>({
          id: model.tasks.freeId((ms) => `delete-${vm.id}-${ms}-${user.id}`, now),
          owner: user.id, type: 'delete_vm', status: 'pending', message: 'Waiting to start', error: null,
          createdAt: now, updatedAt: now, completedAt: null, steps: DELETE_STEPS.map(newStep),
          context: { vmRecordId: vm.id, vmName: vm.name, node: vm.node, vmid: vm.vmid! },
        });
      });
      await startSteps(model, runner.flows.delete_vm, task, 0);
      if (task.status === 'failed') throw new ManagerError(500, DELETE_FAILED);
      return { message: 'VM deletion started', data: { task_id: task.id, vm_id: body.vm_id, vmid: task.context.vmid } };
    },
  },
];
