// Jobs: type, platform, where they store their backups, and the VMs they protect.
import type { Store } from '../../../core/store.js';
import { notFound } from '../errors.js';

export const JOB_TYPES = ['Backup', 'Replica', 'BackupCopy', 'ImmediateBackupCopy'] as const;
export type JobType = (typeof JOB_TYPES)[number];
export const PLATFORMS = ['VMware', 'HyperV', 'vCloud'] as const;
export type Platform = (typeof PLATFORMS)[number];

/** A VM a job protects, by its id and name in the hypervisor's inventory (a vCenter VM: vm-1001, web-01). */
export interface ProtectedObject {
  vm: string;
  name: string;
  /** bytes a backup session of this VM writes */
  size: number;
}

export interface Job {
  id: string;
  name: string;
  jobType: JobType;
  platform: Platform;
  description: string;
  backupServerId: string;
  /** where Backup and backup copy jobs write; null for Replica jobs */
  repositoryId: string | null;
  /** FolderName (Backup) or JobFileName (backup copy jobs) */
  fileName: string | null;
  /** VmSuffix of a Replica job */
  vmSuffix: string | null;
  objects: ProtectedObject[];
  scheduleEnabled: boolean;
  createdAt: number;
}

interface JobRow {
  id: string;
  name: string;
  job_type: JobType;
  platform: Platform;
  description: string;
  backup_server_id: string;
  repository_id: string | null;
  file_name: string | null;
  vm_suffix: string | null;
  objects: string;
  schedule_enabled: number;
  created_at: number;
}

function toJob(row: JobRow): Job {
  return {
    id: row.id,
    name: row.name,
    jobType: row.job_type,
    platform: row.platform,
    description: row.description,
    backupServerId: row.backup_server_id,
    repositoryId: row.repository_id,
    fileName: row.file_name,
    vmSuffix: row.vm_suffix,
    objects: JSON.parse(row.objects) as ProtectedObject[],
    scheduleEnabled: row.schedule_enabled === 1,
    createdAt: row.created_at,
  };
}

export class Jobs {
  constructor(private readonly store: Store) {}

  insert(job: Job): void {
    this.store.run(
      `INSERT INTO veeam_jobs (id, name, job_type, platform, description, backup_server_id, repository_id, file_name, vm_suffix, objects, schedule_enabled, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      job.id, job.name, job.jobType, job.platform, job.description, job.backupServerId, job.repositoryId, job.fileName, job.vmSuffix,
      JSON.stringify(job.objects), job.scheduleEnabled ? 1 : 0, job.createdAt,
    );
  }

  list(): Job[] {
    return this.store.all<JobRow>('SELECT * FROM veeam_jobs ORDER BY created_at, name').map(toJob);
  }

  get(id: string): Job | undefined {
    const row = this.store.get<JobRow>('SELECT * FROM veeam_jobs WHERE id = ?', id);
    return row && toJob(row);
  }

  require(id: string): Job {
    const job = this.get(id.toLowerCase());
    if (!job) throw notFound(`Job with ID '${id}' was not found.`);
    return job;
  }

  /** Veeam compares job names without regard to case. */
  named(backupServerId: string, name: string): Job | undefined {
    const row = this.store.get<JobRow>('SELECT * FROM veeam_jobs WHERE backup_server_id = ? AND lower(name) = lower(?)', backupServerId, name);
    return row && toJob(row);
  }
}

export function backupSize(job: Job): number {
  return job.objects.reduce((sum, object) => sum + object.size, 0);
}
