// specs/vsphere.yaml is the contract the simulator validates against and the harness tests from: it must be
// valid OpenAPI, declare exactly the operations the vSphere module routes, use the vSphere error shape for
// every error, and every example in it must match its own schema.
import { fileURLToPath } from 'node:url';
import SwaggerParser from '@apidevtools/swagger-parser';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { beforeAll, describe, expect, it } from 'vitest';
import { VSPHERE_OPERATIONS } from '../src/apis/vsphere/routes.js';

const addFormats = addFormatsModule as unknown as (ajv: Ajv2020) => void;
const SPEC_PATH = fileURLToPath(new URL('../../specs/vsphere.yaml', import.meta.url));
const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;

type Json = Record<string, any>;

let raw: Json;
let doc: Json;
let operations: Array<{ id: string; method: string; path: string; op: Json }>;

function examplesOf(holder: Json): unknown[] {
  const found: unknown[] = [];
  if ('example' in holder) found.push(holder.example);
  for (const example of Object.values<Json>(holder.examples ?? {})) found.push(example.value);
  return found;
}

beforeAll(async () => {
  raw = (await SwaggerParser.parse(SPEC_PATH)) as Json;
  doc = (await SwaggerParser.validate(SPEC_PATH)) as Json;
  operations = [];
  for (const [path, item] of Object.entries<Json>(doc.paths)) {
    for (const method of HTTP_METHODS) if (item[method]) operations.push({ id: item[method].operationId, method: method.toUpperCase(), path, op: item[method] });
  }
});

describe('specs/vsphere.yaml', () => {
  it('is OpenAPI 3.1 at /api with the session header as its security', () => {
    expect(raw.openapi).toBe('3.1.0');
    expect(raw.servers).toEqual([{ url: 'https://localhost:8989/api' }]);
    expect(raw.components.securitySchemes.sessionId).toEqual(expect.objectContaining({ type: 'apiKey', in: 'header', name: 'vmware-api-session-id' }));
    expect(raw.security).toEqual([{ sessionId: [] }]);
  });

  it('declares exactly the operations the module routes, at their methods and paths', () => {
    const routed = VSPHERE_OPERATIONS.map((op) => `${op.operationId} ${op.method} ${op.path.replace(/:(\w+)/g, '{$1}')}`).sort();
    expect(operations.map(({ id, method, path }) => `${id} ${method} ${path}`).sort()).toEqual(routed);
  });

  it('documents 401 everywhere, and every error response in the vSphere error shape', () => {
    const { Error: errorSchema } = doc.components.schemas;
    for (const { id, op } of operations) {
      expect(op.responses['401'], id).toBeDefined();
      for (const [status, response] of Object.entries<Json>(op.responses)) {
        if (Number(status) >= 400) expect(response.content['application/json'].schema, `${id} ${status}`).toEqual(errorSchema);
      }
    }
  });

  it('has examples that match their own schemas', () => {
    const ajv = new Ajv2020({ strict: true, strictTypes: false, strictTuples: false, strictRequired: false, allErrors: true });
    addFormats(ajv);
    const problems: string[] = [];
    const check = (where: string, schema: Json | undefined, holder: Json) => {
      if (!schema) return;
      const validate = ajv.compile(schema);
      examplesOf(holder).forEach((example, i) => {
        if (!validate(example)) problems.push(`${where} #${i}: ${ajv.errorsText(validate.errors)}`);
      });
    };
    let count = 0;
    for (const { id, op } of operations) {
      for (const parameter of (op.parameters ?? []) as Json[]) check(`${id} ${parameter.name}`, parameter.schema, parameter);
      for (const [type, media] of Object.entries<Json>(op.requestBody?.content ?? {})) check(`${id} request ${type}`, media.schema, media);
      for (const [status, response] of Object.entries<Json>(op.responses)) {
        for (const media of Object.values<Json>(response.content ?? {})) {
          count += examplesOf(media).length;
          check(`${id} ${status}`, media.schema, media);
        }
      }
    }
    expect(problems).toEqual([]);
    expect(count).toBeGreaterThan(40);
  });
});
