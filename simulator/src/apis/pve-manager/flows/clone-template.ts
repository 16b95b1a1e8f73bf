// template/manage/clone on PVE: a full clone of the source template (Clone), then the copy becomes a
// template itself (Convert to Template). A failed conversion destroys the copy.
import type { ManagerModel } from '../model/index.js';
import { type Flow, type FlowContext, finish } from './engine.js';

export const TEMPLATE_STEPS = ['Clone', 'Convert to Template'] as const;

export const TEMPLATE_CLONED = 'Template cloned successfully';
export const TEMPLATE_CLONE_FAILED = 'Failed to clone template';
export const TEMPLATE_CONVERT_FAILED = 'Template cloned but conversion failed, resources have been cleaned up';

export interface CloneTemplateContext extends FlowContext {
  templateId: string;
  sourceVmid: number;
  sourceNode: string;
  node: string;
  storage: string;
  name: string;
  vmid: number;
}

export function cloneTemplateFlow(model: ManagerModel): Flow<CloneTemplateContext> {
  const vmPath = (c: CloneTemplateContext) => `/nodes/${encodeURIComponent(c.node)}/qemu/${c.vmid}`;
  return {
    async start(task, index) {
      const c = task.context;
      if (index === 0)
        return model.pve.call<string>('POST', `/nodes/${encodeURIComponent(c.sourceNode)}/qemu/${c.sourceVmid}/clone`, {
          newid: c.vmid, name: c.name, target: c.node, storage: c.storage, full: 1,
        });
      return model.pve.call<string>('POST', `${vmPath(c)}/template`);
    },
    completed(task) {
      model.catalog.markTemplateReady(task.context.templateId);
      finish(model, task, 'completed', TEMPLATE_CLONED);
    },
    async failed(task, index) {
      const c = task.context;
      const cause = task.steps[index]?.error_message ?? null;
      if (index === 0) {
        model.catalog.removeTemplate(c.templateId);
        finish(model, task, 'failed', TEMPLATE_CLONE_FAILED, cause);
        return;
      }
      const destroy = await model.pve.call<string>('DELETE', vmPath(c), { purge: 1 });
      model.catalog.removeTemplate(c.templateId);
      if (!destroy.ok) {
        finish(model, task, 'failed', TEMPLATE_CONVERT_FAILED, `${cause}; cleanup: ${destroy.message}`);
        return;
      }
      c.cleanupUpid = destroy.data;
      task.error = cause;
    },
    cleanedUp(task, error) {
      finish(model, task, 'failed', TEMPLATE_CONVERT_FAILED, error === null ? task.error : `${task.error}; cleanup: ${error}`);
    },
  };
}
