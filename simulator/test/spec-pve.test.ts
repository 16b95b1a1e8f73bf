// specs/pve.yaml is the contract the simulator validates against and the harness tests from: it must be
// valid OpenAPI, cover exactly the PVE operations we simulate, and every example in it must match its
// own schema (a wrong example would be "tested" as correct behaviour).
import { fileURLToPath } from 'node:url';
import SwaggerParser from '@apidevtools/swagger-parser';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { beforeAll, describe, expect, it } from 'vitest';

// ajv-formats is CommonJS; under NodeNext its default import is the plugin function itself.
const addFormats = addFormatsModule as unknown as (ajv: Ajv2020) => void;

const SPEC_PATH = fileURLToPath(new URL('../../specs/pve.yaml', import.meta.url));

type Json = Record<string, any>;

const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options', 'trace'] as const;

const EXPECTED_OPERATIONS: Record<string, string> = {
  createTicket: 'POST /access/ticket',
  getVersion: 'GET /version',
  listNodes: 'GET /nodes',
  getNodeStatus: 'GET /nodes/{node}/status',
  getClusterResources: 'GET /cluster/resources',
  getNextId: 'GET /cluster/nextid',
  listVms: 'GET /nodes/{node}/qemu',
  getVmConfig: 'GET /nodes/{node}/qemu/{vmid}/config',
  updateVmConfigSync: 'PUT /nodes/{node}/qemu/{vmid}/config',
  updateVmConfig: 'POST /nodes/{node}/qemu/{vmid}/config',
  resizeVmDisk: 'PUT /nodes/{node}/qemu/{vmid}/resize',
  convertToTemplate: 'POST /nodes/{node}/qemu/{vmid}/template',
  getVmStatus: 'GET /nodes/{node}/qemu/{vmid}/status/current',
  startVm: 'POST /nodes/{node}/qemu/{vmid}/status/start',
  stopVm: 'POST /nodes/{node}/qemu/{vmid}/status/stop',
  shutdownVm: 'POST /nodes/{node}/qemu/{vmid}/status/shutdown',
  rebootVm: 'POST /nodes/{node}/qemu/{vmid}/status/reboot',
  deleteVm: 'DELETE /nodes/{node}/qemu/{vmid}',
  cloneVm: 'POST /nodes/{node}/qemu/{vmid}/clone',
  listStorages: 'GET /nodes/{node}/storage',
  listStorageContent: 'GET /nodes/{node}/storage/{storage}/content',
  listTasks: 'GET /nodes/{node}/tasks',
  getTaskStatus: 'GET /nodes/{node}/tasks/{upid}/status',
  getTaskLog: 'GET /nodes/{node}/tasks/{upid}/log',
  stopTask: 'DELETE /nodes/{node}/tasks/{upid}',
  createVm: 'POST /nodes/{node}/qemu',
  getVmIndex: 'GET /nodes/{node}/qemu/{vmid}',
  getVmStatusIndex: 'GET /nodes/{node}/qemu/{vmid}/status',
  listSnapshots: 'GET /nodes/{node}/qemu/{vmid}/snapshot',
  createSnapshot: 'POST /nodes/{node}/qemu/{vmid}/snapshot',
  getSnapshotCommands: 'GET /nodes/{node}/qemu/{vmid}/snapshot/{snapname}',
  deleteSnapshot: 'DELETE /nodes/{node}/qemu/{vmid}/snapshot/{snapname}',
  getSnapshotConfig: 'GET /nodes/{node}/qemu/{vmid}/snapshot/{snapname}/config',
  updateSnapshotConfig: 'PUT /nodes/{node}/qemu/{vmid}/snapshot/{snapname}/config',
  rollbackSnapshot: 'POST /nodes/{node}/qemu/{vmid}/snapshot/{snapname}/rollback',
  getMigratePreconditions: 'GET /nodes/{node}/qemu/{vmid}/migrate',
  migrateVm: 'POST /nodes/{node}/qemu/{vmid}/migrate',
  agentPing: 'POST /nodes/{node}/qemu/{vmid}/agent/ping',
  agentNetworkGetInterfaces: 'GET /nodes/{node}/qemu/{vmid}/agent/network-get-interfaces',
  getRootIndex: 'GET /',
  getClusterIndex: 'GET /cluster',
  getClusterStatus: 'GET /cluster/status',
  getAccessIndex: 'GET /access',
  listUsers: 'GET /access/users',
  listDomains: 'GET /access/domains',
  listStorageConfig: 'GET /storage',
  getStorageConfig: 'GET /storage/{storage}',
  listPools: 'GET /pools',
  getPool: 'GET /pools/{poolid}',
  getNodeIndex: 'GET /nodes/{node}',
  listNodeNetwork: 'GET /nodes/{node}/network',
};

const TASK_OPERATIONS = [
  'updateVmConfig', 'resizeVmDisk', 'convertToTemplate', 'startVm', 'stopVm', 'shutdownVm', 'rebootVm',
  'deleteVm', 'cloneVm', 'createVm', 'createSnapshot', 'deleteSnapshot', 'rollbackSnapshot', 'migrateVm',
];

interface OperationEntry {
  id: string;
  method: string;
  path: string;
  op: Json;
}

function operationsOf(doc: Json): OperationEntry[] {
  const entries: OperationEntry[] = [];
  for (const [path, item] of Object.entries<Json>(doc.paths ?? {})) {
    for (const method of HTTP_METHODS) {
      const op = item[method] as Json | undefined;
      if (op) entries.push({ id: op.operationId, method: method.toUpperCase(), path, op });
    }
  }
  return entries;
}

/** Every example value of a media type or parameter: `example` and each `examples.<name>.value`. */
function examplesOf(holder: Json): unknown[] {
  const found: unknown[] = [];
  if ('example' in holder) found.push(holder.example);
  for (const example of Object.values<Json>(holder.examples ?? {})) found.push(example.value);
  return found;
}

function resolvePointer(value: unknown, pointer: string): unknown {
  if (pointer === '') return value;
  let current: unknown = value;
  for (const raw of pointer.slice(1).split('/')) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (current === null || typeof current !== 'object' || !(key in current)) return undefined;
    current = (current as Json)[key];
  }
  return current;
}

function createAjv(): Ajv2020 {
  // strictSchema on: the simulator and harness compile these schemas, so no unknown keywords may slip in.
  const ajv = new Ajv2020({ strict: true, strictTypes: false, strictTuples: false, strictRequired: false, allErrors: true });
  addFormats(ajv);
  return ajv;
}

/** Checks every example of a dereferenced document against its schema; returns one line per mismatch. */
function exampleProblems(doc: Json, ajv: Ajv2020): string[] {
  const problems: string[] = [];
  const check = (where: string, schema: unknown, holder: Json): void => {
    if (schema === undefined) return;
    const validate = ajv.compile(schema as Json);
    examplesOf(holder).forEach((example, index) => {
      if (!validate(example)) problems.push(`${where} example #${index}: ${ajv.errorsText(validate.errors)}`);
    });
  };
  for (const { id, op } of operationsOf(doc)) {
    for (const parameter of (op.parameters ?? []) as Json[]) check(`${id} parameter ${parameter.name}`, parameter.schema, parameter);
    for (const [type, media] of Object.entries<Json>(op.requestBody?.content ?? {})) check(`${id} request ${type}`, media.schema, media);
    for (const [status, response] of Object.entries<Json>(op.responses ?? {})) {
      for (const [type, media] of Object.entries<Json>(response.content ?? {})) check(`${id} ${status} ${type}`, media.schema, media);
    }
  }
  return problems;
}

let raw: Json;
let doc: Json;
let operations: OperationEntry[];
let byId: Map<string, OperationEntry>;

beforeAll(async () => {
  raw = (await SwaggerParser.parse(SPEC_PATH)) as Json;
  doc = (await SwaggerParser.validate(SPEC_PATH)) as Json; // validated and dereferenced
  operations = operationsOf(doc);
  byId = new Map(operations.map((entry) => [entry.id, entry]));
});

describe('specs/pve.yaml', () => {
  it('is a valid OpenAPI 3.1 document with the agreed header', () => {
    expect(raw.openapi).toBe('3.1.0');
    expect(raw.info.title).toBe('Proxmox VE API (hypersim subset)');
    expect(raw.servers).toEqual([{ url: 'https://localhost:8006/api2/json' }]);
    expect(raw.components.securitySchemes).toMatchObject({
      ticket: { type: 'apiKey', in: 'cookie', name: 'PVEAuthCookie' },
      csrf: { type: 'apiKey', in: 'header', name: 'CSRFPreventionToken' },
      apiToken: { type: 'apiKey', in: 'header', name: 'Authorization' },
    });
    expect(raw.security).toEqual([{ ticket: [] }, { apiToken: [] }]);
  });

  it('declares every operation of the table exactly once, at its method and path', () => {
    const counts = new Map<string, number>();
    for (const { id } of operations) counts.set(id, (counts.get(id) ?? 0) + 1);
    expect([...counts.keys()].sort()).toEqual(Object.keys(EXPECTED_OPERATIONS).sort());
    for (const [id, count] of counts) expect(count, id).toBe(1);
    for (const { id, method, path } of operations) expect(`${method} ${path}`, id).toBe(EXPECTED_OPERATIONS[id]);
  });

  it('gives every operation a tag, a summary, a 200 response with an example, and 413/501', () => {
    const allowedTags = ['access', 'agent', 'cluster', 'directory', 'nodes', 'pools', 'qemu', 'snapshots', 'storage', 'tasks'];
    for (const { id, op } of operations) {
      expect(op.tags, id).toHaveLength(1);
      expect(allowedTags, id).toContain(op.tags[0]);
      expect(op.summary, id).toBeTruthy();
      const ok = op.responses['200']?.content?.['application/json'];
      expect(ok, `${id} 200`).toBeDefined();
      expect(examplesOf(ok).length, `${id} 200 examples`).toBeGreaterThan(0);
      expect(op.responses['413'], id).toBeDefined();
      expect(op.responses['501'], id).toBeDefined();
    }
  });

  it('documents 400 for parameters, 401 for secured operations, and errors in the PVE shapes', () => {
    const { ParameterErrors, ErrorMessage } = doc.components.schemas;
    for (const { id, op } of operations) {
      if ((op.parameters ?? []).length > 0 || op.requestBody) {
        expect(op.responses['400']?.content['application/json'].schema, `${id} 400`).toEqual(ParameterErrors);
      }
      if (op.security === undefined || op.security.length > 0) expect(op.responses['401'], `${id} 401`).toBeDefined();
      for (const status of ['401', '403', '413', '500', '501']) {
        const response = op.responses[status];
        if (response) expect(response.content['application/json'].schema, `${id} ${status}`).toEqual(ErrorMessage);
      }
    }
  });

  it('sends POST and PUT parameters as form or JSON bodies with one closed schema, others as query', () => {
    for (const { id, method, op } of operations) {
      const parameters = (op.parameters ?? []) as Json[];
      for (const parameter of parameters) {
        if (parameter.in === 'path') expect(parameter.required, `${id} ${parameter.name}`).toBe(true);
        else expect(parameter.in, `${id} ${parameter.name}`).toBe('query');
      }
      if (method === 'GET' || method === 'DELETE') {
        expect(op.requestBody, id).toBeUndefined();
        continue;
      }
      expect(parameters.filter((p) => p.in === 'query'), id).toEqual([]);
      if (!op.requestBody) continue;
      const content = op.requestBody.content as Json;
      expect(Object.keys(content).sort(), id).toEqual(['application/json', 'application/x-www-form-urlencoded']);
      expect(content['application/json'].schema, id).toBe(content['application/x-www-form-urlencoded'].schema);
      expect(content['application/json'].schema, id).toMatchObject({ type: 'object', additionalProperties: false });
    }
  });

  it('requires ticket + CSRF or an API token for every non-GET operation except createTicket', () => {
    const writeSecurity = [{ ticket: [], csrf: [] }, { apiToken: [] }];
    for (const { id, method, op } of operations) {
      // the login form reads the realms before anyone has logged in
      if (id === 'createTicket' || id === 'listDomains') expect(op.security, id).toEqual([]);
      else if (method === 'GET') expect(op.security, id).toBeUndefined();
      else expect(op.security, id).toEqual(writeSecurity);
    }
  });

  it('marks exactly the UPID-returning operations with a well-formed x-hypersim-task', () => {
    const upidSchema = doc.components.schemas.UPID;
    const returnsUpid = operations
      .filter(({ op }) => op.responses['200'].content['application/json'].schema.properties?.data === upidSchema)
      .map(({ id }) => id);
    const marked = operations.filter(({ op }) => op['x-hypersim-task'] !== undefined).map(({ id }) => id);
    expect(returnsUpid.sort()).toEqual([...TASK_OPERATIONS].sort());
    expect(marked.sort()).toEqual([...TASK_OPERATIONS].sort());

    const upidPattern = new RegExp(upidSchema.pattern as string);
    for (const id of TASK_OPERATIONS) {
      const { op, path } = byId.get(id)!;
      const task = op['x-hypersim-task'] as Json;
      expect(Object.keys(task).sort(), id).toEqual(['id', 'parameters', 'running', 'state', 'statusOperation']);
      for (const example of examplesOf(op.responses['200'].content['application/json'])) {
        expect(resolvePointer(example, task.id), `${id} task id`).toMatch(upidPattern);
      }
      const status = byId.get(task.statusOperation);
      expect(status?.method, `${id} statusOperation`).toBe('GET');
      const statusPathParams = (status!.op.parameters as Json[]).filter((p) => p.in === 'path').map((p) => p.name);
      expect(Object.keys(task.parameters).sort(), id).toEqual(statusPathParams.sort());
      for (const template of Object.values<string>(task.parameters)) {
        const source = /^\{(?:id|path\.([a-z]+))\}$/.exec(template);
        expect(source, `${id} parameter template ${template}`).not.toBeNull();
        if (source?.[1]) expect(path, id).toContain(`{${source[1]}}`);
      }
      expect(task.running.length, id).toBeGreaterThan(0);
      const states = examplesOf(status!.op.responses['200'].content['application/json']).map((e) => resolvePointer(e, task.state));
      for (const state of states) expect(typeof state, `${id} state`).toBe('string');
      for (const running of task.running) expect(states, id).toContain(running);
      expect(states.some((state) => !task.running.includes(state)), `${id} has an end state example`).toBe(true);
    }
  });

  it('links deleteVm and cloneVm to getVmConfig', () => {
    expect(byId.get('deleteVm')!.op.responses['200'].links).toEqual({
      configAfterDelete: expect.objectContaining({
        operationId: 'getVmConfig',
        parameters: { node: '$request.path.node', vmid: '$request.path.vmid' },
      }),
    });
    expect(byId.get('cloneVm')!.op.responses['200'].links).toEqual({
      newVmConfig: expect.objectContaining({
        operationId: 'getVmConfig',
        parameters: { node: '$request.path.node', vmid: '$request.body#/newid' },
      }),
    });
  });

  it('has examples that all validate against their own schemas', () => {
    expect(exampleProblems(doc, createAjv())).toEqual([]);
  });

  it('would notice an example that breaks its schema', () => {
    const broken = structuredClone(doc);
    broken.paths['/cluster/nextid'].get.responses['200'].content['application/json'].example = { data: 102 };
    expect(exampleProblems(broken, createAjv())).toEqual([
      expect.stringContaining('getNextId 200 application/json example #0'),
    ]);
  });
});
