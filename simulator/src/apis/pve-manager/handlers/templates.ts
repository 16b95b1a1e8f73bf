// template/manage/clone (SuperAdmin): a new private template, cloned on PVE from an existing one.
import { ManagerError } from '../errors.js';
import { type CloneTemplateContext, TEMPLATE_CLONE_FAILED, TEMPLATE_CLONED, TEMPLATE_STEPS } from '../flows/clone-template.js';
import { startSteps } from '../flows/engine.js';
import { type ManagerTask, newStep } from '../model/tasks.js';
import type { ManagerOperation } from '../operation.js';

export const INVALID_TEMPLATE_NAME =
  'Invalid template name: it must contain only alphanumeric characters, hyphens, and dots, and start and end with a letter or digit';

export const templateOperations: ManagerOperation[] = [
  {
    operationId: 'cloneTemplate',
    method: 'POST',
    path: '/template/manage/clone',
    roles: ['SuperAdmin'],
    missingFields: 'Missing required fields: template_id, new_template_name, description',
    invalidField: { new_template_name: INVALID_TEMPLATE_NAME, template_id: 'Invalid template_id: must be a 24-character hex id' },
    async handle({ body, user, model, runner }) {
      const source = model.catalog.template(body.template_id);
      if (!source || source.status !== 'ready') throw new ManagerError(404, 'Source template not found');
      const next = await model.pve.nextId();
      if (!next.ok) throw new ManagerError(500, `${TEMPLATE_CLONE_FAILED}: ${next.message}`);
      const now = model.now();
      const node: string = body.target_node ?? source.pveNode;
      const task = model.ctx.store.transaction((): ManagerTask<CloneTemplateContext> => {
        const templateId = model.newId();
        model.catalog.insertTemplate({
          id: templateId, name: body.new_template_name, description: body.description, pveVmid: Number(next.data), pveNode: node,
          owner: user.id, isPublic: false, status: 'creating', createdAt: now,
        });
        return model.tasks.insert<CloneTemplateContext>({
          id: model.tasks.freeId((ms) => `clone-template-${source.id}-${ms}-${user.id}`, now),
          owner: user.id, type: 'clone_template', status: 'pending', message: 'Waiting to start', error: null,
          createdAt: now, updatedAt: now, completedAt: null, steps: TEMPLATE_STEPS.map(newStep),
          context: {
            templateId, sourceVmid: source.pveVmid, sourceNode: source.pveNode, node, storage: body.storage ?? 'NFS', name: body.new_template_name, vmid: Number(next.data),
          },
        });
      });
      await startSteps(model, runner.flows.clone_template, task, 0);
      if (task.status === 'failed') throw new ManagerError(500, `${TEMPLATE_CLONE_FAILED}: ${task.error ?? 'unknown error'}`);
      return { message: TEMPLATE_CLONED, data: { template_id: task.context.templateId, task_id: task.id } };
    },
  },
];
