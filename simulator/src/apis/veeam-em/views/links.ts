// Hrefs and <Link> elements. Hrefs are absolute, built from the address the client called
// (https://host:9398/api), as Enterprise Manager builds them.
import { el, type Element } from '../representation/tree.js';

export function link(rel: string, type: string, href: string, name?: string): Element {
  return el('Link', { Rel: rel, Type: type, Href: href, Name: name });
}

/** A resource's reference and entity hrefs. */
export const hrefs = {
  job: (base: string, id: string) => `${base}/jobs/${id}`,
  repository: (base: string, id: string) => `${base}/repositories/${id}`,
  backupServer: (base: string, id: string) => `${base}/backupServers/${id}`,
  logonSession: (base: string, id: string) => `${base}/logonSessions/${id}`,
  task: (base: string, taskId: string) => `${base}/tasks/${taskId}`,
  backupSession: (base: string, id: string) => `${base}/backupSessions/${id}`,
  entity: (href: string) => `${href}?format=Entity`,
};
