import type { Migration } from '../../core/store.js';

export const veeamMigrations: Migration[] = [
  {
    id: 'veeam-em/001-model',
    sql: `
    CREATE TABLE veeam_backup_servers (id TEXT PRIMARY KEY, name TEXT NOT NULL, description TEXT NOT NULL, port INTEGER NOT NULL, version TEXT NOT NULL);
    CREATE TABLE veeam_repositories (id TEXT PRIMARY KEY, name TEXT NOT NULL, kind TEXT NOT NULL, backup_server_id TEXT NOT NULL, capacity INTEGER NOT NULL, used INTEGER NOT NULL);
    -- objects: JSON list of the VMs the job protects [{vm, name, size}]; repository_id is null for replicas
    CREATE TABLE veeam_jobs (id TEXT PRIMARY KEY, name TEXT NOT NULL, job_type TEXT NOT NULL, platform TEXT NOT NULL, description TEXT NOT NULL,
      backup_server_id TEXT NOT NULL, repository_id TEXT, file_name TEXT, vm_suffix TEXT, objects TEXT NOT NULL, schedule_enabled INTEGER NOT NULL, created_at INTEGER NOT NULL);
    CREATE INDEX veeam_jobs_name ON veeam_jobs (backup_server_id, name);
    CREATE TABLE veeam_users (name TEXT PRIMARY KEY, password TEXT NOT NULL, role TEXT NOT NULL);
    CREATE TABLE veeam_logon_sessions (id TEXT PRIMARY KEY, token TEXT NOT NULL UNIQUE, user TEXT NOT NULL, created_at INTEGER NOT NULL, last_used_at INTEGER NOT NULL);
    -- the task-N numbers; deleted tasks keep their row so a number is never handed out twice
    CREATE TABLE veeam_tasks (number INTEGER PRIMARY KEY, engine_id TEXT NOT NULL, logon_session_id TEXT NOT NULL, operation TEXT NOT NULL, deleted INTEGER NOT NULL DEFAULT 0);
    CREATE TABLE veeam_backup_sessions (id TEXT PRIMARY KEY, job_id TEXT NOT NULL, engine_id TEXT NOT NULL, is_retry INTEGER NOT NULL, created_at INTEGER NOT NULL);
    CREATE INDEX veeam_backup_sessions_job ON veeam_backup_sessions (job_id, created_at);
    `,
  },
];
