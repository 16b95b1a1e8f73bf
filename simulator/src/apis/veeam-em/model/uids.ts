// Veeam's object UIDs: urn:veeam:<Kind>:<guid>.
export type UidKind = 'Job' | 'Repository' | 'BackupServer' | 'LogonSession' | 'BackupJobSession';

export function uidOf(kind: UidKind, id: string): string {
  return `urn:veeam:${kind}:${id}`;
}

/** The guid of a UID of that kind, or undefined. */
export function idOfUid(kind: UidKind, uid: string): string | undefined {
  const prefix = `urn:veeam:${kind}:`;
  return uid.startsWith(prefix) ? uid.slice(prefix.length) : undefined;
}

export const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
