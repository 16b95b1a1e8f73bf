import type { Migration } from '../../core/store.js';

export const managerMigrations: Migration[] = [
  {
    id: 'pve-manager/001-tables',
    sql: `
    CREATE TABLE mgr_plans (id TEXT PRIMARY KEY, name TEXT NOT NULL, limits TEXT NOT NULL);
    CREATE TABLE mgr_users (id TEXT PRIMARY KEY, email TEXT NOT NULL UNIQUE, password TEXT NOT NULL, role TEXT NOT NULL, plan_id TEXT, created_at INTEGER NOT NULL);
    -- status: creating (a clone task runs) or ready
    CREATE TABLE mgr_templates (id TEXT PRIMARY KEY, name TEXT NOT NULL, description TEXT NOT NULL, pve_vmid INTEGER NOT NULL, pve_node TEXT NOT NULL, owner TEXT NOT NULL, is_public INTEGER NOT NULL, status TEXT NOT NULL, created_at INTEGER NOT NULL);
    CREATE TABLE mgr_boxes (id TEXT PRIMARY KEY, name TEXT NOT NULL, description TEXT NOT NULL, template_id TEXT NOT NULL, is_public INTEGER NOT NULL, created_at INTEGER NOT NULL);
    -- a VM counts against its owner's plan from the moment it is accepted until it is destroyed
    CREATE TABLE mgr_vms (id TEXT PRIMARY KEY, owner TEXT NOT NULL, name TEXT NOT NULL, vmid INTEGER, node TEXT NOT NULL, storage TEXT NOT NULL, template_id TEXT NOT NULL, box_id TEXT, cpu_cores INTEGER NOT NULL, memory_mb INTEGER NOT NULL, disk_gb INTEGER NOT NULL, status TEXT NOT NULL, created_at INTEGER NOT NULL);
    CREATE INDEX mgr_vms_owner ON mgr_vms (owner);
    -- detail: the steps and what the flow needs to go on (JSON)
    CREATE TABLE mgr_tasks (id TEXT PRIMARY KEY, seq INTEGER NOT NULL UNIQUE, owner TEXT NOT NULL, type TEXT NOT NULL, status TEXT NOT NULL, message TEXT NOT NULL, error TEXT, created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL, completed_at INTEGER, detail TEXT NOT NULL);
    CREATE INDEX mgr_tasks_owner ON mgr_tasks (owner, seq);
    CREATE INDEX mgr_tasks_status ON mgr_tasks (status);
    `,
  },
];
