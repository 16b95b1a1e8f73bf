// vm/manage/delete on PVE: stop the VM if it runs (Stop), destroy it with its disks (Delete). Its plan
// usage is released when PVE has destroyed it.
import type { ManagerModel } from '../model/index.js';
import { type Flow, type FlowContext, finish } from './engine.js';

export const DELETE_STEPS = ['Stop', 'Delete'] as const;
export const DELETED = 'VM deleted successfully';
export const DELETE_FAILED = 'Failed to delete VM';

export interface DeleteVmContext extends FlowContext {
  vmRecordId: string;
  vmName: string;
  node: string;
  vmid: number;
}

export function deleteVmFlow(model: ManagerModel): Flow<DeleteVmContext> {
  const vmPath = (c: DeleteVmContext) => `/nodes/${encodeURIComponent(c.node)}/qemu/${c.vmid}`;
  return {
    async start(task, index) {
      const c = task.context;
      if (index === 1) return model.pve.call<string>('DELETE', vmPath(c), { purge: 1 });
      const status = await model.pve.call<{ status: string }>('GET', `${vmPath(c)}/status/current`);
      if (!status.ok) return status;
      if (status.data.status !== 'running') return { ok: true, data: null };
      return model.pve.call<string>('POST', `${vmPath(c)}/status/stop`);
    },
    completed(task) {
      model.vms.remove(task.context.vmRecordId);
      finish(model, task, 'completed', DELETED);
    },
    async failed(task, index) {
      model.vms.setStatus(task.context.vmRecordId, 'error');
      finish(model, task, 'failed', DELETE_FAILED, task.steps[index]?.error_message ?? null);
    },
    cleanedUp() {
      // a delete starts no cleanup
    },
  };
}
