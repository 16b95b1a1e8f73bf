// A real, imperfect OpenAPI 3.0 conversion of the PVE API (2 MB, 600+ operations): every parameter
// and body schema in it must generate without throwing.
import SwaggerParser from '@apidevtools/swagger-parser';
import fc from 'fast-check';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { beforeAll, describe, expect, it } from 'vitest';
import { invalidRequests } from '../../src/arbitraries/invalid-requests.js';
import { requestArbitrary } from '../../src/arbitraries/request-arbitrary.js';
import { operationWarnings } from '../../src/arbitraries/schema-warnings.js';
import { toJsonSchema2020 } from '../../src/arbitraries/to-json-schema-2020.js';
import type { JsonSchema, Operation, OperationParameter } from '../../src/types.js';

import { PVE_COMMUNITY_SPEC as FIXTURE } from '../../../test-support/fixtures.js';
const METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;
type RawOperation = { operationId?: string; parameters?: RawParameter[]; requestBody?: { required?: boolean; content: Record<string, { schema?: JsonSchema }> } };
type PathItem = { parameters?: RawParameter[] } & Partial<Record<(typeof METHODS)[number], RawOperation>>;
type Doc = { paths: Record<string, PathItem> };
type RawParameter = { name: string; in: OperationParameter['in']; required?: boolean; schema?: JsonSchema };

const addFormats = addFormatsModule as unknown as typeof addFormatsModule.default;
const ajv = new Ajv2020({ strict: false, logger: false, coerceTypes: 'array' });
addFormats(ajv);

let operations: Operation[] = [];
const validators = new Map<string, ReturnType<typeof ajv.compile>>();
const validatorFor = (schema: JsonSchema) => {
  const text = JSON.stringify(toJsonSchema2020(schema, 'openapi-3.0', { direction: 'request' }));
  let validate = validators.get(text);
  if (!validate) validators.set(text, (validate = ajv.compile(JSON.parse(text) as object)));
  return validate;
};

beforeAll(async () => {
  const doc = (await SwaggerParser.dereference(FIXTURE)) as unknown as Doc;
  operations = [];
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const method of METHODS) {
      const op = item[method];
      if (!op) continue;
      const parameters = [...(item.parameters ?? []), ...(op.parameters ?? [])].map((p) => ({
        name: p.name,
        in: p.in,
        required: p.required === true,
        schema: p.schema ?? {},
        examples: [],
      }));
      const body = op.requestBody
        ? { required: op.requestBody.required === true, content: Object.fromEntries(Object.entries(op.requestBody.content).map(([t, m]) => [t, { schema: m.schema ?? {}, examples: [] }])) }
        : undefined;
      operations.push({
        id: op.operationId ?? `${method.toUpperCase()} ${path}`,
        method: method.toUpperCase(),
        path,
        tags: [],
        parameters,
        ...(body ? { body } : {}),
        responses: [],
        secured: true,
        dialect: 'openapi-3.0',
        extensions: {},
      });
    }
  }
}, 20_000);

describe('the PVE community spec', () => {
  it('has hundreds of operations', () => {
    expect(operations.length).toBeGreaterThan(500);
  });

  it('generates valid requests for every operation without throwing', () => {
    let checked = 0;
    for (const operation of operations) {
      const samples = fc.sample(requestArbitrary(operation), { numRuns: 3, seed: 42 });
      for (const request of samples) {
        for (const p of operation.parameters) {
          const key = p.in === 'path' ? 'pathParams' : p.in === 'query' ? 'query' : p.in === 'header' ? 'headers' : 'cookies';
          const wire = (request[key] as Record<string, unknown>)[p.name];
          if (wire === undefined) {
            expect(p.required && p.in !== 'header', `${operation.id} ${p.name}`).toBe(false);
            continue;
          }
          const validate = validatorFor(p.schema);
          const loose = Array.isArray(wire) ? [...wire] : wire;
          expect(validate(loose), `${operation.id} ${p.name}=${JSON.stringify(wire)}: ${ajv.errorsText(validate.errors)}`).toBe(true);
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThan(1000);
  });

  it('builds invalid requests for every operation without throwing', () => {
    let total = 0;
    for (const operation of operations) total += invalidRequests(operation).length;
    expect(total).toBeGreaterThan(operations.length);
  });

  it('reports the spec problems it worked around', () => {
    const messages = operations.flatMap(operationWarnings).map((w) => w.message);
    expect(messages.some((m) => m.includes('Perl'))).toBe(true);
  });
});
