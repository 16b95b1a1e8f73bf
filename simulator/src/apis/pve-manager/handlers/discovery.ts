// What a caller may use and what they hold: templates, Boxes, their plan and usage, their VMs; and, for
// SuperAdmins, every plan.
import { ManagerError } from '../errors.js';
import { mayUse } from '../model/catalog.js';
import type { ManagerOperation } from '../operation.js';
import { boxView, planView, templateView, usageView, vmView } from '../views.js';

export const PLAN_NOT_FOUND = 'Compute resource plan not found';

export const discoveryOperations: ManagerOperation[] = [
  {
    operationId: 'getAccessibleTemplates',
    method: 'GET',
    path: '/template/getAccessable',
    handle({ model, user }) {
      const templates = model.catalog.templates().filter((t) => t.status === 'ready' && mayUse(user, t));
      return { message: 'Templates retrieved successfully', data: templates.map(templateView) };
    },
  },
  {
    operationId: 'getPublicBoxes',
    method: 'GET',
    path: '/vmbox/public',
    handle({ model }) {
      const boxes = model.catalog.publicBoxes().map((b) => boxView(b, model.catalog.template(b.templateId)));
      return { message: 'Boxes retrieved successfully', data: boxes };
    },
  },
  {
    operationId: 'getUserCRP',
    method: 'GET',
    path: '/user/getUserCRP',
    handle({ model, user }) {
      const plan = user.planId ? model.plans.get(user.planId) : undefined;
      if (!plan) throw new ManagerError(404, PLAN_NOT_FOUND);
      return { message: 'Compute resource plan retrieved successfully', data: { crp: planView(plan), usage: usageView(model.plans.usageOf(user.id)) } };
    },
  },
  {
    operationId: 'getUserOwnedVms',
    method: 'GET',
    path: '/vm/getUserOwned',
    handle({ model, user }) {
      return { message: 'VMs retrieved successfully', data: model.vms.ownedBy(user.id).map(vmView) };
    },
  },
  {
    operationId: 'getAllCRPs',
    method: 'GET',
    path: '/superadmin/crp/getAll',
    roles: ['SuperAdmin'],
    handle({ model }) {
      const users = model.users.all();
      const plans = model.plans.all().map((plan) => ({ ...planView(plan), users: users.filter((u) => u.planId === plan.id).map((u) => u.email) }));
      return { message: 'Compute resource plans retrieved successfully', data: plans };
    },
  },
];
