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
  {
    // the tasks moved onto the shared engine (core/tasks.ts, open tasks); rows of a store made before keep
    // going there, numbered after the engine's own. The row's columns as model/tasks.ts writes them.
    id: 'pve-manager/002-tasks-on-the-engine',
    sql: `
    INSERT INTO tasks (id, seq, api, type, target, node, owner, state, created_at, started_at, finished_at, due_at, plan, result, error, payload)
    SELECT m.id, (SELECT COALESCE(MAX(seq), 0) FROM tasks) + m.seq, 'pve-manager', m.type,
      COALESCE(json_extract(m.detail, '$.context.vmName'), json_extract(m.detail, '$.context.name')), json_extract(m.detail, '$.context.node'), m.owner,
      CASE m.status WHEN 'completed' THEN 'succeeded' WHEN 'failed' THEN 'failed' WHEN 'cancelled' THEN 'cancelled' ELSE 'running' END,
      m.created_at, m.created_at, m.completed_at, NULL, '{"outcome":"succeed"}',
      CASE m.status WHEN 'completed' THEN json_quote(m.message) END,
      CASE m.status WHEN 'failed' THEN m.message || COALESCE(': ' || m.error, '') END,
      json_object('status', CASE m.status WHEN 'in_progress' THEN 'in_progress' ELSE 'pending' END, 'message', m.message, 'error', m.error,
        'updatedAt', m.updated_at, 'steps', json_extract(m.detail, '$.steps'), 'context', json_extract(m.detail, '$.context'))
    FROM mgr_tasks m ORDER BY m.seq;
    DROP TABLE mgr_tasks;
    `,
  },
];
