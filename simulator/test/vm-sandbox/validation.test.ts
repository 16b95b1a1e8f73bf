// Every validation failure is FastAPI's 422 with pydantic v2's types, messages, loc and input.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Simulator } from '../../src/simulator.js';
import { BASE_VM, SandboxClient, sandboxSimulator } from './client.js';

let sim: Simulator;
let client: SandboxClient;
beforeEach(() => {
  sim = sandboxSimulator({ taskDurationScale: 0 });
  client = new SandboxClient(sim);
});
afterEach(() => sim.close());

const CLONE = `/v1/vms/${BASE_VM}/clone`;

async function detail(method: string, path: string, body?: unknown, contentType?: string): Promise<unknown[]> {
  const answer = await client.call(method, path, body, contentType);
  expect(answer.status, JSON.stringify(answer.body)).toBe(422);
  expect(answer.headers.get('content-type')).toBe('application/json');
  return answer.body.detail;
}

describe('422 forms', () => {
  it('wait=maybe: bool_parsing at query.wait', async () => {
    expect(await detail('POST', `${CLONE}?wait=maybe`, {})).toEqual([
      { type: 'bool_parsing', loc: ['query', 'wait'], msg: 'Input should be a valid boolean, unable to interpret input', input: 'maybe' },
    ]);
  });

  it('pydantic reads yes/no/on/off/1/0/t/f for a query boolean, in any case', async () => {
    for (const word of ['yes', 'No', 'ON', 'off', '1', '0', 't', 'F', 'True']) {
      expect((await client.call('POST', `${CLONE}?wait=${word}`, {})).status, word).toBe(200);
    }
  });

  it('snapshot_name 123: string_type at body.snapshot_name, with the input', async () => {
    expect(await detail('POST', CLONE, { snapshot_name: 123 })).toEqual([
      { type: 'string_type', loc: ['body', 'snapshot_name'], msg: 'Input should be a valid string', input: 123 },
    ]);
  });

  it('malformed JSON: json_invalid at the character position, before authentication', async () => {
    const answer = await client.as({}).call('POST', CLONE, '{"snapshot_name": ');
    expect(answer.status).toBe(422);
    expect(answer.body.detail).toEqual([{ type: 'json_invalid', loc: ['body', 18], msg: 'JSON decode error', input: {}, ctx: { error: 'Expecting value' } }]);
    const unquoted = await client.call('POST', CLONE, '{snapshot_name: 1}');
    expect(unquoted.body.detail).toEqual([{ type: 'json_invalid', loc: ['body', 1], msg: 'JSON decode error', input: {}, ctx: { error: 'Expecting property name enclosed in double quotes' } }]);
  });

  it('no body: missing at body (and a JSON null counts as none)', async () => {
    const missing = [{ type: 'missing', loc: ['body'], msg: 'Field required', input: null }];
    expect(await detail('POST', CLONE)).toEqual(missing);
    expect(await detail('POST', CLONE, null)).toEqual(missing);
    expect(await detail('POST', '/v1/vms')).toEqual(missing);
  });

  it('a body that is not an object: model_attributes_type', async () => {
    expect(await detail('POST', CLONE, ['x'])).toEqual([
      { type: 'model_attributes_type', loc: ['body'], msg: 'Input should be a valid dictionary or object to extract fields from', input: ['x'] },
    ]);
    expect(await detail('POST', CLONE, 'snapshot_name=x', 'text/plain')).toEqual([
      { type: 'model_attributes_type', loc: ['body'], msg: 'Input should be a valid dictionary or object to extract fields from', input: 'snapshot_name=x' },
    ]);
  });

  it('integers: int_type, int_from_float, bounds with ctx; every problem at once', async () => {
    expect(await detail('POST', '/v1/vms', { memory_mb: 'lots', vcpu_count: 1.5, vm_lifetime_seconds: 0 })).toEqual([
      { type: 'int_type', loc: ['body', 'memory_mb'], msg: 'Input should be a valid integer', input: 'lots' },
      { type: 'int_from_float', loc: ['body', 'vcpu_count'], msg: 'Input should be a valid integer, got a number with a fractional part', input: 1.5 },
      { type: 'greater_than_equal', loc: ['body', 'vm_lifetime_seconds'], msg: 'Input should be greater than or equal to 1', input: 0, ctx: { ge: 1 } },
    ]);
    expect(await detail('POST', '/v1/vms', { memory_mb: 64, vcpu_count: 33 })).toEqual([
      { type: 'greater_than_equal', loc: ['body', 'memory_mb'], msg: 'Input should be greater than or equal to 128', input: 64, ctx: { ge: 128 } },
      { type: 'less_than_equal', loc: ['body', 'vcpu_count'], msg: 'Input should be less than or equal to 32', input: 33, ctx: { le: 32 } },
    ]);
  });

  it('nested: a metadata value that is not a string, metadata that is not a dictionary', async () => {
    expect(await detail('POST', '/v1/vms', { metadata: { team: 'ci', build: 7 } })).toEqual([
      { type: 'string_type', loc: ['body', 'metadata', 'build'], msg: 'Input should be a valid string', input: 7 },
    ]);
    expect(await detail('POST', '/v1/vms', { metadata: 'x' })).toEqual([{ type: 'dict_type', loc: ['body', 'metadata'], msg: 'Input should be a valid dictionary', input: 'x' }]);
  });

  it('the token form: missing fields at body.<field> with input null, grant_type pattern', async () => {
    expect(await detail('POST', '/v1/token', 'username=default', 'application/x-www-form-urlencoded')).toEqual([
      { type: 'missing', loc: ['body', 'password'], msg: 'Field required', input: null },
    ]);
    expect(await detail('POST', '/v1/token', 'grant_type=client&username=default&password=hypersim', 'application/x-www-form-urlencoded')).toEqual([
      { type: 'string_pattern_mismatch', loc: ['body', 'grant_type'], msg: "String should match pattern '^password$'", input: 'client', ctx: { pattern: '^password$' } },
    ]);
    expect(await detail('POST', '/v1/token', '{"username":"default"}', 'application/json')).toHaveLength(2);
  });

  it('validation comes after authentication (except malformed JSON)', async () => {
    const answer = await client.as({}).call('POST', `${CLONE}?wait=maybe`, {});
    expect(answer.status).toBe(401);
  });

  it('properties a model does not define are ignored', async () => {
    expect((await client.call('POST', CLONE, { snapshot_name: 'x', colour: 'blue' })).status).toBe(200);
  });
});
