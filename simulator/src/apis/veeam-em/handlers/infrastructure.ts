// Backup servers and repositories: references by default, entities with ?format=Entity.
import { el, repeated } from '../representation/tree.js';
import type { VeeamCall, VeeamOperation } from '../operation.js';
import { backupServerEntity, backupServerRef, referencesView, repositoryEntity, repositoryRef } from '../views/infrastructure.js';

const wantsEntity = (call: VeeamCall) => call.params.format === 'Entity';

function serverName(call: VeeamCall, id: string): string {
  return call.model.infrastructure.server(id)?.name ?? '';
}

export const infrastructureOperations: VeeamOperation[] = [
  {
    operationId: 'listBackupServers',
    method: 'GET',
    path: '/backupServers',
    auth: 'session',
    handle(call) {
      const servers = call.model.infrastructure.servers();
      if (wantsEntity(call)) return el('BackupServers', {}, repeated('BackupServers', servers.map((s) => backupServerEntity(call.base, s))));
      return referencesView(servers.map((s) => backupServerRef(call.base, s)));
    },
  },
  {
    operationId: 'getBackupServer',
    method: 'GET',
    path: '/backupServers/:id',
    auth: 'session',
    handle(call) {
      const server = call.model.infrastructure.requireServer(call.params.id.toLowerCase());
      return wantsEntity(call) ? backupServerEntity(call.base, server) : backupServerRef(call.base, server);
    },
  },
  {
    operationId: 'listRepositories',
    method: 'GET',
    path: '/repositories',
    auth: 'session',
    handle(call) {
      const repositories = call.model.infrastructure.repositories();
      if (wantsEntity(call))
        return el('Repositories', {}, repeated('Repositories', repositories.map((r) => repositoryEntity(call.base, r, serverName(call, r.backupServerId)))));
      return referencesView(repositories.map((r) => repositoryRef(call.base, r, serverName(call, r.backupServerId))));
    },
  },
  {
    operationId: 'getRepository',
    method: 'GET',
    path: '/repositories/:id',
    auth: 'session',
    handle(call) {
      const repository = call.model.infrastructure.requireRepository(call.params.id.toLowerCase());
      const name = serverName(call, repository.backupServerId);
      return wantsEntity(call) ? repositoryEntity(call.base, repository, name) : repositoryRef(call.base, repository, name);
    },
  },
];
