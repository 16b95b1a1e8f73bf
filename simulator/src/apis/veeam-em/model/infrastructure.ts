// Backup servers and their repositories (capacity and used space in bytes).
import type { Store } from '../../../core/store.js';
import { notFound } from '../errors.js';

export interface BackupServer {
  id: string;
  name: string;
  description: string;
  port: number;
  version: string;
}

export interface Repository {
  id: string;
  name: string;
  kind: string;
  backupServerId: string;
  capacity: number;
  used: number;
}

interface RepositoryRow {
  id: string;
  name: string;
  kind: string;
  backup_server_id: string;
  capacity: number;
  used: number;
}

const toRepository = (r: RepositoryRow): Repository => ({ id: r.id, name: r.name, kind: r.kind, backupServerId: r.backup_server_id, capacity: r.capacity, used: r.used });

export class Infrastructure {
  constructor(private readonly store: Store) {}

  addServer(server: BackupServer): void {
    this.store.run('INSERT INTO veeam_backup_servers (id, name, description, port, version) VALUES (?, ?, ?, ?, ?)', server.id, server.name, server.description, server.port, server.version);
  }

  servers(): BackupServer[] {
    return this.store.all<BackupServer>('SELECT * FROM veeam_backup_servers ORDER BY name');
  }

  server(id: string): BackupServer | undefined {
    return this.store.get<BackupServer>('SELECT * FROM veeam_backup_servers WHERE id = ?', id);
  }

  requireServer(id: string): BackupServer {
    return this.server(id) ?? fail(notFound(`Backup server with ID '${id}' was not found.`));
  }

  addRepository(repository: Repository): void {
    this.store.run(
      'INSERT INTO veeam_repositories (id, name, kind, backup_server_id, capacity, used) VALUES (?, ?, ?, ?, ?, ?)',
      repository.id, repository.name, repository.kind, repository.backupServerId, repository.capacity, repository.used,
    );
  }

  repositories(): Repository[] {
    return this.store.all<RepositoryRow>('SELECT * FROM veeam_repositories ORDER BY name').map(toRepository);
  }

  repository(id: string): Repository | undefined {
    const row = this.store.get<RepositoryRow>('SELECT * FROM veeam_repositories WHERE id = ?', id);
    return row && toRepository(row);
  }

  requireRepository(id: string): Repository {
    return this.repository(id) ?? fail(notFound(`Repository with ID '${id}' was not found.`));
  }

  consume(id: string, bytes: number): void {
    this.store.run('UPDATE veeam_repositories SET used = used + ? WHERE id = ?', bytes, id);
  }
}

function fail(error: Error): never {
  throw error;
}
