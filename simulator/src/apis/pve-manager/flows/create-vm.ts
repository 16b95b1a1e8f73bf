// createFromBoxTemplate on PVE: nextid + clone of the template (Clone), cores (CPU), memory (Memory),
// the disk grown to the requested size (Resize Disk), cloud-init settings (Cloud-Init). A failure after
// the clone destroys the VM on PVE before the task reports it.
import type { PveAnswer } from '../pve-client.js';
import type { ManagerModel } from '../model/index.js';
import type { ManagerTask } from '../model/tasks.js';
import { type Flow, type FlowContext, finish } from './engine.js';

export const CREATE_STEPS = ['Clone', 'CPU', 'Memory', 'Resize Disk', 'Cloud-Init'] as const;

export const CREATED = 'VM created and configured successfully';
export const CLONE_FAILED = 'Failed to clone VM from template';
export const CONFIG_FAILED = 'VM created but configuration failed, resources have been cleaned up';
export const CLEANUP_FAILED = 'VM created but configuration failed, and its cleanup failed too';

export interface CreateVmContext extends FlowContext {
  vmRecordId: string;
  vmName: string;
  templateId: string;
  boxId: string;
  sourceVmid: number;
  sourceNode: string;
  node: string;
  storage: string;
  vmid: number | null;
  cpuCores: number;
  memorySize: number;
  diskSize: number;
  ciuser: string;
}

const DISK_KEYS = /^(?:scsi|virtio|sata|ide)\d+$/;

export function createVmFlow(model: ManagerModel): Flow<CreateVmContext> {
  const vmPath = (c: CreateVmContext) => `/nodes/${encodeURIComponent(c.node)}/qemu/${c.vmid}`;
  return {
    async start(task, index) {
      const c = task.context;
      switch (CREATE_STEPS[index]) {
        case 'Clone':
          return cloneFromTemplate(model, task);
        case 'CPU':
          return model.pve.call<string>('POST', `${vmPath(c)}/config`, { cores: c.cpuCores });
        case 'Memory':
          return model.pve.call<string>('POST', `${vmPath(c)}/config`, { memory: c.memorySize });
        case 'Resize Disk': {
          const config = await model.pve.vmConfig(c.node, c.vmid!);
          if (!config.ok) return config;
          const disk = Object.keys(config.data).filter((key) => DISK_KEYS.test(key) && !String(config.data[key]).includes('media=cdrom'))[0];
          if (disk === undefined) return { ok: false, status: 500, message: 'the VM has no disk to resize' };
          return model.pve.call<string>('PUT', `${vmPath(c)}/resize`, { disk, size: `${c.diskSize}G` });
        }
        default:
          return model.pve.call<string>('POST', `${vmPath(c)}/config`, { ciuser: c.ciuser, ipconfig0: 'ip=dhcp' });
      }
    },
    completed(task) {
      model.vms.setStatus(task.context.vmRecordId, 'ready');
      finish(model, task, 'completed', CREATED);
    },
    async failed(task, index) {
      const c = task.context;
      const cause = task.steps[index]?.error_message ?? null;
      if (index === 0 || c.vmid === null) {
        // PVE undoes a failed clone itself: nothing of the VM is left
        model.vms.remove(c.vmRecordId);
        finish(model, task, 'failed', CLONE_FAILED, cause);
        return;
      }
      const destroy = await model.pve.call<string>('DELETE', vmPath(c), { purge: 1 });
      if (!destroy.ok) {
        model.vms.setStatus(c.vmRecordId, 'error');
        finish(model, task, 'failed', CLEANUP_FAILED, `${cause}; cleanup: ${destroy.message}`);
        return;
      }
      c.cleanupUpid = destroy.data;
      task.message = 'Configuration failed, cleaning up';
      task.error = cause;
    },
    cleanedUp(task, error) {
      const c = task.context;
      if (error === null) {
        model.vms.remove(c.vmRecordId);
        finish(model, task, 'failed', CONFIG_FAILED, task.error);
      } else {
        model.vms.setStatus(c.vmRecordId, 'error');
        finish(model, task, 'failed', CLEANUP_FAILED, `${task.error}; cleanup: ${error}`);
      }
    },
  };
}

async function cloneFromTemplate(model: ManagerModel, task: ManagerTask<CreateVmContext>): Promise<PveAnswer<string>> {
  const c = task.context;
  const next = await model.pve.nextId();
  if (!next.ok) return next;
  const vmid = Number(next.data);
  const clone = await model.pve.call<string>('POST', `/nodes/${encodeURIComponent(c.sourceNode)}/qemu/${c.sourceVmid}/clone`, {
    newid: vmid, name: c.vmName, target: c.node, storage: c.storage, full: 1,
  });
  if (clone.ok) {
    c.vmid = vmid;
    model.vms.setVmid(c.vmRecordId, vmid);
  }
  return clone;
}
