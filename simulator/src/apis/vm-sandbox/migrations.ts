import type { Migration } from '../../core/store.js';

export const sandboxMigrations: Migration[] = [
  {
    id: 'vm-sandbox/001-tables',
    sql: `
    CREATE TABLE sandbox_users (username TEXT PRIMARY KEY, password TEXT NOT NULL, api_key TEXT UNIQUE, max_vms INTEGER NOT NULL, max_memory_mb INTEGER NOT NULL);
    CREATE TABLE sandbox_tokens (token TEXT PRIMARY KEY, username TEXT NOT NULL, expires_at INTEGER NOT NULL);
    CREATE TABLE sandbox_vms (vm_id TEXT PRIMARY KEY, owner TEXT NOT NULL, session_id TEXT NOT NULL, status TEXT NOT NULL, memory_mb INTEGER NOT NULL,
      vcpu_count INTEGER NOT NULL, metadata TEXT NOT NULL, snapshot_id TEXT, created_at INTEGER NOT NULL, expires_at INTEGER);
    CREATE INDEX sandbox_vms_owner ON sandbox_vms (owner, created_at);
    CREATE INDEX sandbox_vms_expiry ON sandbox_vms (expires_at) WHERE expires_at IS NOT NULL;
    CREATE TABLE sandbox_snapshots (snapshot_id TEXT PRIMARY KEY, owner TEXT NOT NULL, name TEXT NOT NULL, vm_id TEXT NOT NULL, memory_mb INTEGER NOT NULL,
      vcpu_count INTEGER NOT NULL, created_at INTEGER NOT NULL);
    CREATE INDEX sandbox_snapshots_owner ON sandbox_snapshots (owner, created_at);
    CREATE TABLE sandbox_sessions (session_id TEXT PRIMARY KEY, owner TEXT NOT NULL, vm_id TEXT, status TEXT NOT NULL, created_at INTEGER NOT NULL,
      terminated_at INTEGER, termination_reason TEXT);
    CREATE INDEX sandbox_sessions_owner ON sandbox_sessions (owner, created_at);
    `,
  },
  {
    // Every clone writes a VM, a session and a snapshot row (and deletes the snapshot) in commits that pay
    // for each page they touch; the owner indexes cost a page per write and served only the lists, which
    // read most rows anyway (a scan and a sort give the same ORDER BY created_at, rowid).
    id: 'vm-sandbox/002-no-owner-indexes',
    sql: 'DROP INDEX sandbox_vms_owner; DROP INDEX sandbox_snapshots_owner; DROP INDEX sandbox_sessions_owner;',
  },
];
