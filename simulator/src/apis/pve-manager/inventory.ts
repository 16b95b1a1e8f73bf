// The management layer's objects as tables for the dashboard: users with their plan usage, templates,
// Boxes, VMs and tasks.
import type { InventoryView } from '../../core/api-module.js';
import type { ManagerModel } from './model/index.js';
import { stepsDone } from './model/tasks.js';

export function managerInventory(model: ManagerModel): InventoryView {
  const users = model.users.all();
  const email = (id: string) => users.find((u) => u.id === id)?.email ?? id;
  const templates = model.catalog.templates();
  return {
    tables: [
      {
        title: 'Users',
        columns: ['Email', 'Role', 'Plan', 'VMs', 'CPU cores', 'Memory', 'Storage'],
        rows: users.map((u) => {
          const plan = u.planId ? model.plans.get(u.planId) : undefined;
          if (!plan) return [u.email, u.role, null, null, null, null, null];
          const used = model.plans.usageOf(u.id);
          const l = plan.limits;
          return [
            u.email, u.role, plan.name,
            { used: used.vms, total: l.max_vms },
            { used: used.cpu_cores, total: l.max_cpu_cores_sum },
            { used: used.memory, total: l.max_memory_sum, unit: 'MB' },
            { used: used.storage, total: l.max_storage_sum, unit: 'GB' },
          ];
        }),
      },
      {
        title: 'Templates',
        columns: ['Id', 'Name', 'PVE VM', 'Node', 'Owner', 'Public', 'Status'],
        rows: templates.map((t) => [t.id, t.name, t.pveVmid, t.pveNode, email(t.owner), t.isPublic, t.status]),
      },
      {
        title: 'Boxes',
        columns: ['Id', 'Name', 'Template', 'Public'],
        rows: model.catalog.boxes().map((b) => [b.id, b.name, templates.find((t) => t.id === b.templateId)?.name ?? b.templateId, b.isPublic]),
      },
      {
        title: 'VMs',
        columns: ['Id', 'Name', 'PVE VM', 'Node', 'Owner', 'Cores', 'Memory (MB)', 'Disk (GB)', 'Status'],
        rows: model.vms.all().map((v) => [v.id, v.name, v.vmid, v.node, email(v.owner), v.cpuCores, v.memoryMb, v.diskGb, v.status]),
      },
      {
        title: 'Tasks',
        columns: ['Id', 'Type', 'Owner', 'Status', 'Message', 'Steps done'],
        rows: model.tasks.all().map((t) => [
          t.id, t.type, email(t.owner), t.status, t.message,
          { used: stepsDone(t.steps), total: t.steps.length },
        ]),
      },
    ],
  };
}
