// The entry point, logon sessions, backup servers and repositories as Veeam elements.
import { el, type Element, repeated, text, wrapped } from '../representation/tree.js';
import type { BackupServer, Repository } from '../model/infrastructure.js';
import type { LogonSession } from '../model/logons.js';
import { uidOf } from '../model/uids.js';
import { hrefs, link } from './links.js';

export const SUPPORTED_VERSIONS = ['v1_5', 'v1_6', 'v1_7'] as const;

export function entryPointView(base: string): Element {
  const logon = (version: string) => link('Create', 'LogonSession', `${base}/sessionMngr/?v=${version}`);
  return el(
    'EnterpriseManager',
    {},
    wrapped('SupportedVersions', SUPPORTED_VERSIONS.map((v) => el('SupportedVersion', { Name: v }, wrapped('Links', [logon(v)])))),
    wrapped('Links', [logon('latest')]),
  );
}

export function logonSessionView(base: string, session: LogonSession): Element {
  const href = hrefs.logonSession(base, session.id);
  return el(
    'LogonSession',
    { Href: href, Type: 'LogonSession', UID: uidOf('LogonSession', session.id) },
    wrapped('Links', [
      link('Down', 'BackupServerReferenceList', `${base}/backupServers`),
      link('Down', 'RepositoryReferenceList', `${base}/repositories`),
      link('Down', 'JobReferenceList', `${base}/jobs`),
      link('Down', 'BackupJobSessionEntityList', `${base}/backupSessions`),
      link('Down', 'TaskList', `${base}/tasks`),
      link('Down', 'LogonSessionList', `${base}/logonSessions`),
      link('Delete', 'LogonSession', href),
    ]),
    text('UserName', session.user),
    text('SessionId', session.id),
  );
}

export function logonSessionsView(base: string, sessions: LogonSession[]): Element {
  return el('LogonSessions', {}, repeated('LogonSessions', sessions.map((s) => logonSessionView(base, s))));
}

/** A reference (<Ref>): UID, Name, Href, Type and links to the entity and related lists. */
export function referenceView(uid: string, name: string, href: string, type: string, links: Element[]): Element {
  return el('Ref', { UID: uid, Name: name, Href: href, Type: type }, wrapped('Links', links));
}

export function referencesView(refs: Element[]): Element {
  return el('EntityReferences', {}, repeated('Refs', refs));
}

export function backupServerRef(base: string, server: BackupServer): Element {
  const href = hrefs.backupServer(base, server.id);
  return referenceView(uidOf('BackupServer', server.id), server.name, href, 'BackupServerReference', [link('Alternate', 'BackupServer', hrefs.entity(href), server.name)]);
}

export function backupServerEntity(base: string, server: BackupServer): Element {
  const href = hrefs.backupServer(base, server.id);
  return el(
    'BackupServer',
    { Href: href, Type: 'BackupServer', Name: server.name, UID: uidOf('BackupServer', server.id) },
    wrapped('Links', [
      link('Alternate', 'BackupServerReference', href, server.name),
      link('Down', 'JobReferenceList', `${base}/jobs`),
      link('Down', 'RepositoryReferenceList', `${base}/repositories`),
    ]),
    text('Description', server.description),
    text('Port', server.port),
    text('Version', server.version),
  );
}

export function repositoryRef(base: string, repository: Repository, serverName: string): Element {
  const href = hrefs.repository(base, repository.id);
  return referenceView(uidOf('Repository', repository.id), repository.name, href, 'RepositoryReference', [
    link('Up', 'BackupServerReference', hrefs.backupServer(base, repository.backupServerId), serverName),
    link('Alternate', 'Repository', hrefs.entity(href), repository.name),
  ]);
}

export function repositoryEntity(base: string, repository: Repository, serverName: string): Element {
  const href = hrefs.repository(base, repository.id);
  return el(
    'Repository',
    { Href: href, Type: 'Repository', Name: repository.name, UID: uidOf('Repository', repository.id) },
    wrapped('Links', [
      link('Up', 'BackupServerReference', hrefs.backupServer(base, repository.backupServerId), serverName),
      link('Alternate', 'RepositoryReference', href, repository.name),
    ]),
    text('Capacity', repository.capacity),
    text('FreeSpace', repository.capacity - repository.used),
    text('Kind', repository.kind),
  );
}
