// Both representations of every resource come from one model: the XML answer, read with the spec's xml
// hints (attributes, wrapped and repeated lists, element order), is the JSON answer; the JSON answer
// validates against the spec; the XML root is in Veeam's namespace.
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadSpec } from '../../src/core/openapi.js';
import { adminClient, JOBS, NS, REPOSITORIES, SERVER, type VeeamClient, withVeeam, type XmlNode } from './client.js';

type Schema = Record<string, any>;
const spec = loadSpec(fileURLToPath(new URL('../../../specs/veeam-em.yaml', import.meta.url)));
const schemas = spec.resolved.components!.schemas as Record<string, Schema>;
const ajv = new Ajv2020({ strict: false, allErrors: true });
(addFormatsModule as unknown as (a: Ajv2020) => void)(ajv);

const isAttribute = (s: Schema) => s.xml?.attribute === true;
const typeOf = (s: Schema): string | undefined => (typeof s.type === 'string' ? s.type : s.const !== undefined ? typeof s.const : undefined);

/** Reads an XML element into JSON by its schema; throws on an attribute, element or order the schema does not allow. */
export function xmlToJson(node: XmlNode, schema: Schema, where = node.name): Record<string, unknown> {
  const properties = (schema.properties ?? {}) as Record<string, Schema>;
  const out: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(node.attributes)) {
    if (name === 'xmlns') continue;
    const property = properties[name];
    if (!property || !isAttribute(property)) throw new Error(`${where}: attribute ${name} is not in the schema`);
    out[name] = scalar(value, property);
  }
  const order = Object.keys(properties).filter((name) => !isAttribute(properties[name]!));
  let last = -1;
  for (const element of node.children) {
    const repeatedName = order.find((name) => properties[name]!.type === 'array' && properties[name]!.xml?.wrapped === false && properties[name]!.items?.xml?.name === element.name);
    const name = repeatedName ?? element.name;
    const index = order.indexOf(name);
    if (index < 0) throw new Error(`${where}: element ${element.name} is not in the schema`);
    if (index < last) throw new Error(`${where}: element ${element.name} comes after ${order[last]}, against the schema's order`);
    last = index;
    const property = properties[name]!;
    if (repeatedName) ((out[name] ??= []) as unknown[]).push(xmlToJson(element, property.items, `${where}/${element.name}`));
    else if (property.type === 'array') out[name] = element.children.map((item) => xmlToJson(item, property.items, `${where}/${name}/${item.name}`));
    else if (property.type === 'object') out[name] = xmlToJson(element, property, `${where}/${name}`);
    else out[name] = scalar(element.text, property);
  }
  for (const name of order) if (properties[name]!.type === 'array' && properties[name]!.xml?.wrapped === false) out[name] ??= [];
  return out;
}

function scalar(text: string, schema: Schema): unknown {
  const type = typeOf(schema);
  if (type === 'integer' || type === 'number') return Number(text);
  if (type === 'boolean') return text === 'true' ? true : text === 'false' ? false : text;
  return text;
}

async function bothRepresentations(client: VeeamClient, path: string) {
  const xml = await client.get(path);
  const json = await client.get(path, true);
  expect(xml.status, `${path} (xml): ${xml.text}`).toBe(200);
  expect(json.status, `${path} (json)`).toBe(200);
  expect(xml.headers.get('content-type')).toBe('application/xml; charset=utf-8');
  expect(json.headers.get('content-type')).toBe('application/json; charset=utf-8');
  expect(xml.xml!.attributes.xmlns).toBe(NS);
  const schema = schemas[xml.xml!.name];
  expect(schema, `a schema for <${xml.xml!.name}>`).toBeDefined();
  expect(schema!.xml).toMatchObject({ name: xml.xml!.name, namespace: NS });
  const validate = ajv.compile(schema!);
  expect(validate(json.json) ? [] : validate.errors, `${path}: JSON against ${xml.xml!.name}`).toEqual([]);
  expect(xmlToJson(xml.xml!, schema!)).toEqual(json.json);
  return { root: xml.xml!.name, json: json.json };
}

describe('XML and JSON from one model', () => {
  it('gives every resource in both representations, the same data in each', () =>
    withVeeam(async (sim) => {
      const client = await adminClient(sim);
      const started = await client.send('POST', `/jobs/${JOBS.backup}?action=start`, { json: true });
      const task = await client.finish(started.json.TaskId);
      const sessionId = task.Links.find((l: any) => l.Rel === 'Related').Href.split('/').pop();
      const logonId = Buffer.from(client.token!, 'base64').toString();
      const expected: Array<[string, string]> = [
        ['/', 'EnterpriseManager'],
        ['/logonSessions', 'LogonSessions'],
        [`/logonSessions/${logonId}`, 'LogonSession'],
        ['/backupServers', 'EntityReferences'],
        ['/backupServers?format=Entity', 'BackupServers'],
        [`/backupServers/${SERVER}`, 'Ref'],
        [`/backupServers/${SERVER}?format=Entity`, 'BackupServer'],
        ['/repositories', 'EntityReferences'],
        ['/repositories?format=Entity', 'Repositories'],
        [`/repositories/${REPOSITORIES.offsite}`, 'Ref'],
        [`/repositories/${REPOSITORIES.offsite}?format=Entity`, 'Repository'],
        ['/jobs', 'EntityReferences'],
        ['/jobs?format=Entity', 'Jobs'],
        ...Object.values(JOBS).flatMap((id): Array<[string, string]> => [[`/jobs/${id}`, 'Ref'], [`/jobs/${id}?format=Entity`, 'Job']]),
        ['/tasks', 'TaskList'],
        [`/tasks/${started.json.TaskId}`, 'Task'],
        ['/backupSessions', 'EntityReferences'],
        ['/backupSessions?format=Entity', 'BackupJobSessions'],
        [`/backupSessions/${sessionId}`, 'Ref'],
        [`/backupSessions/${sessionId}?format=Entity`, 'BackupJobSession'],
      ];
      for (const [path, root] of expected) expect((await bothRepresentations(client, path)).root, path).toBe(root);
    }));

  it('shows a job with its type, platform, action links and the vCenter VMs it protects', () =>
    withVeeam(async (sim) => {
      const client = await adminClient(sim);
      const { json } = await bothRepresentations(client, `/jobs/${JOBS.backup}?format=Entity`);
      expect(json).toMatchObject({ Type: 'Job', Name: 'Web Backup', UID: `urn:veeam:Job:${JOBS.backup}`, JobType: 'Backup', Platform: 'VMware' });
      const rels = json.Links.map((l: any) => `${l.Rel} ${l.Type}`);
      expect(rels).toEqual(['Up BackupServerReference', 'Related RepositoryReference', 'Alternate JobReference', 'Start Task', 'Stop Task', 'Retry Task', 'Clone Task']);
      expect(json.Links.find((l: any) => l.Rel === 'Clone').Href).toBe(`https://em.test:9398/api/jobs/${JOBS.backup}?action=clone`);
      const vms = json.JobInfo.BackupJobInfo.Includes.ObjectInJobs;
      expect(vms.map((o: any) => [o.HierarchyObjRef.split('.').pop(), o.Name])).toEqual([['vm-1001', 'web-01'], ['vm-1003', 'tmpl-ubuntu-2404']]);
      const types = await client.get('/jobs?format=Entity', true);
      expect(types.json.Jobs.map((j: any) => [j.JobType, Object.keys(j.JobInfo)[0]])).toEqual([
        ['Backup', 'BackupJobInfo'],
        ['Replica', 'ReplicaJobInfo'],
        ['BackupCopy', 'BackupCopyJobInfo'],
        ['ImmediateBackupCopy', 'ImmediateBackupCopyJobInfo'],
      ]);
      const refs = await client.get('/jobs', true);
      expect(refs.json.Refs.map((r: any) => [r.Type, r.Name])).toEqual([
        ['JobReference', 'Web Backup'],
        ['JobReference', 'DB Replica'],
        ['JobReference', 'Offsite Copy'],
        ['JobReference', 'Build Immediate Copy'],
      ]);
    }));

  it('shows repositories with capacity and free space in bytes, one of them nearly full', () =>
    withVeeam(async (sim) => {
      const client = await adminClient(sim);
      const { json } = await bothRepresentations(client, '/repositories?format=Entity');
      expect(json.Repositories.map((r: any) => [r.Name, r.UID, r.Capacity / 1024 ** 3, r.FreeSpace / 1024 ** 3])).toEqual([
        ['Default Backup Repository', `urn:veeam:Repository:${REPOSITORIES.default}`, 2048, 1436],
        ['Offsite Repository', `urn:veeam:Repository:${REPOSITORIES.offsite}`, 1024, 24],
      ]);
    }));

  it('notices a representation that disagrees with the schema (the reader can fail)', () => {
    const node: XmlNode = { name: 'Task', attributes: { Type: 'Task', Href: 'h' }, children: [{ name: 'State', attributes: {}, children: [], text: 'Running' }, { name: 'TaskId', attributes: {}, children: [], text: 'task-1' }], text: '' };
    expect(() => xmlToJson(node, schemas.Task!)).toThrow(/TaskId comes after State/);
  });
});
