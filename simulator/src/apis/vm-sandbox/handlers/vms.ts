// VMs: create (optionally from a snapshot, optionally waiting for the boot), list, read, delete, clone.
import type { Task } from '../../../core/tasks.js';
import { startClone } from '../model/clone.js';
import type { SandboxModel } from '../model/index.js';
import { type ProvisionPayload, provisionState, startProvisioning, waitForProvisioning } from '../model/provision.js';
import type { SandboxCall, SandboxOperation } from '../operation.js';
import { vmView } from './views.js';

const DEFAULT_MEMORY_MB = 512;
const DEFAULT_VCPUS = 1;

/** The boot's outcome once it has ended (wait=true), or where it stands now (wait=false): the task just
 * created, which nothing can have ended since (no await between its creation and this). */
async function settle(call: SandboxCall, created: Task<ProvisionPayload>) {
  const model: SandboxModel = call.model;
  const task = call.params.wait === false ? created : await waitForProvisioning(model, created.id, call.signal);
  return provisionState(model, task);
}

export const vmOperations: SandboxOperation[] = [
  {
    operationId: 'create_vm_v1_vms_post',
    method: 'POST',
    path: '/vms',
    booleans: ['wait'],
    async handle(call) {
      const { body, model, user } = call;
      const { vm, task } = model.store.transaction(() => {
        const snapshot = body.snapshot_id == null ? undefined : model.requireSnapshot(body.snapshot_id, user);
        return startProvisioning(
          model,
          user,
          {
            memoryMb: body.memory_mb ?? snapshot?.memoryMb ?? DEFAULT_MEMORY_MB,
            vcpuCount: body.vcpu_count ?? snapshot?.vcpuCount ?? DEFAULT_VCPUS,
            metadata: body.metadata ?? {},
            lifetimeSeconds: body.vm_lifetime_seconds ?? null,
            snapshotId: snapshot?.snapshotId ?? null,
          },
          call.taskPlan,
        );
      });
      const state = await settle(call, task);
      return { vm_id: state.vmId, session_id: vm.sessionId, status: state.status };
    },
  },
  {
    operationId: 'list_vms_v1_vms_get',
    method: 'GET',
    path: '/vms',
    handle: ({ model, user }) => model.vms.list(user.username).map(vmView),
  },
  {
    operationId: 'get_vm_v1_vms__vm_id__get',
    method: 'GET',
    path: '/vms/:vm_id',
    handle: ({ model, user, params }) => vmView(model.requireVm(params.vm_id, user)),
  },
  {
    operationId: 'delete_vm_v1_vms__vm_id__delete',
    method: 'DELETE',
    path: '/vms/:vm_id',
    handle({ model, user, params }) {
      model.store.transaction(() => model.removeVm(model.requireVm(params.vm_id, user), 'deleted'));
      return { vm_id: params.vm_id, status: 'deleted' };
    },
  },
  {
    operationId: 'clone_vm_v1_vms__vm_id__clone_post',
    method: 'POST',
    path: '/vms/:vm_id/clone',
    booleans: ['wait'],
    async handle(call) {
      const { model, user, params, body } = call;
      const clone = startClone(model, user, params.vm_id, body.snapshot_name ?? null, call.taskPlan);
      const state = await settle(call, clone.task);
      const ended = state.status !== 'provisioning';
      return {
        vm_id: state.vmId,
        session_id: clone.vm.sessionId,
        status: state.status,
        snapshot_id: clone.snapshotId,
        // a generated snapshot goes when the boot ends; until then whether it is gone is not known yet
        snapshot_deleted: clone.generated ? (ended ? true : null) : false,
      };
    },
  },
];
