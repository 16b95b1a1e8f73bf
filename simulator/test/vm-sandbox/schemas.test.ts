// The spec's schemas of seed 001 are the seed's, field for field (FastAPI's titles, anyOf nullables), and
// the simulator's clone answers in every mode conform to them.
import { Ajv2020 } from 'ajv/dist/2020.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadSpec } from '../../src/core/openapi.js';
import type { Simulator } from '../../src/simulator.js';
import { BASE_VM, SandboxClient, sandboxSimulator, settle } from './client.js';

const SPEC = loadSpec(new URL('../../../specs/vm-sandbox.yaml', import.meta.url).pathname);
const schemas = SPEC.raw.components?.schemas as Record<string, unknown>;
const nullable = (type: string, title: string) => ({ anyOf: [{ type }, { type: 'null' }], title });

// Transcribed from /work/shared/seeds/001_cf0cb997ea56c645.txt ("Resolved schema" blocks).
const SEED = {
  VMCloneRequest: { properties: { snapshot_name: nullable('string', 'Snapshot Name') }, type: 'object', title: 'VMCloneRequest' },
  VMCloneResponse: {
    properties: {
      vm_id: nullable('string', 'Vm Id'),
      session_id: { type: 'string', title: 'Session Id' },
      status: { type: 'string', title: 'Status' },
      snapshot_id: nullable('string', 'Snapshot Id'),
      snapshot_deleted: nullable('boolean', 'Snapshot Deleted'),
    },
    type: 'object',
    required: ['session_id', 'status'],
    title: 'VMCloneResponse',
  },
  ValidationError: {
    properties: {
      loc: { items: { anyOf: [{ type: 'string' }, { type: 'integer' }] }, type: 'array', title: 'Location' },
      msg: { type: 'string', title: 'Message' },
      type: { type: 'string', title: 'Error Type' },
    },
    type: 'object',
    required: ['loc', 'msg', 'type'],
    title: 'ValidationError',
  },
  HTTPValidationError: { properties: { detail: { items: { $ref: '#/components/schemas/ValidationError' }, type: 'array', title: 'Detail' } }, type: 'object', title: 'HTTPValidationError' },
};

describe('the seed schemas in specs/vm-sandbox.yaml', () => {
  it.each(Object.keys(SEED))('%s is the seed schema exactly', (name) => {
    expect(schemas[name]).toEqual(SEED[name as keyof typeof SEED]);
  });

  it('documents the clone operation as the seed does', () => {
    const op = SPEC.operations.get('clone_vm_v1_vms__vm_id__clone_post')!;
    expect(op.path).toBe('/v1/vms/{vm_id}/clone');
    expect(op.parameters.map((p) => [p.name, p.in, p.required ?? false])).toEqual([
      ['vm_id', 'path', true],
      ['wait', 'query', false],
      ['X-API-Key', 'header', false],
    ]);
    expect(op.parameters[1]!.schema).toMatchObject({ type: 'boolean', default: true, description: 'Wait for clone VM to be provisioned' });
    expect(op.requestBody?.required).toBe(true);
    expect(Object.keys(op.responses as object)).toEqual(expect.arrayContaining(['200', '422']));
    expect(op.security ?? SPEC.raw.security).toEqual([{ OAuth2PasswordBearer: [] }]);
  });
});

describe('clone answers conform to VMCloneResponse, 422s to HTTPValidationError', () => {
  let sim: Simulator;
  let client: SandboxClient;
  const ajv = new Ajv2020({ strict: false });
  const cloneResponse = ajv.compile(SPEC.resolved.components!.schemas!['VMCloneResponse' as never]);
  const validationError = ajv.compile(SPEC.resolved.components!.schemas!['HTTPValidationError' as never]);
  beforeEach(() => {
    sim = sandboxSimulator({ taskDurationScale: 0 });
    client = new SandboxClient(sim);
  });
  afterEach(() => sim.close());

  it('waited, not waited, named and generated', async () => {
    for (const [query, body] of [['', {}], ['?wait=false', {}], ['?wait=true', { snapshot_name: 'n1' }], ['?wait=false', { snapshot_name: null }]] as const) {
      const answer = await client.call('POST', `/v1/vms/${BASE_VM}/clone${query}`, body);
      expect(answer.status).toBe(200);
      expect(cloneResponse(answer.body), JSON.stringify(cloneResponse.errors)).toBe(true);
      await settle();
    }
  });

  it('a validation failure', async () => {
    const answer = await client.call('POST', `/v1/vms/${BASE_VM}/clone?wait=maybe`, { snapshot_name: 123 });
    expect(answer.status).toBe(422);
    expect(validationError(answer.body)).toBe(true);
    expect(answer.body.detail).toHaveLength(2);
  });
});
