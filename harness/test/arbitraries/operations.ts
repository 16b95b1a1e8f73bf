// Operations shaped like the PVE API (form bodies, path ids, headers, cookies) for the request tests.
import type { Operation, OperationParameter } from '../../src/types.js';

const param = (name: string, location: OperationParameter['in'], required: boolean, schema: OperationParameter['schema']): OperationParameter => ({
  name,
  in: location,
  required,
  schema,
  examples: [],
});

export const cloneSchema = {
  type: 'object',
  required: ['newid'],
  additionalProperties: false,
  properties: {
    newid: { type: 'integer', minimum: 100, maximum: 999999999 },
    name: { type: 'string', pattern: '^[A-Za-z0-9][A-Za-z0-9.-]*$', maxLength: 15 },
    full: { type: 'boolean' },
    format: { type: 'string', enum: ['raw', 'qcow2', 'vmdk'] },
    bwlimit: { type: 'integer', minimum: 0 },
    tags: { type: 'array', items: { type: 'string', pattern: '^[a-z]+$' }, maxItems: 3 },
    upid: { type: 'string', readOnly: true },
  },
};

export const cloneOperation = (mediaType: string, dialect: Operation['dialect'] = 'openapi-3.1'): Operation => ({
  id: 'cloneVm',
  method: 'POST',
  path: '/nodes/{node}/qemu/{vmid}/clone',
  tags: [],
  parameters: [
    param('node', 'path', true, { type: 'string', pattern: '^[a-z][a-z0-9-]*$' }),
    param('vmid', 'path', true, { type: 'integer', minimum: 100 }),
    param('CSRFPreventionToken', 'header', true, { type: 'string', minLength: 8 }),
    param('X-Trace', 'header', false, { type: 'string' }),
    param('Content-Type', 'header', true, { type: 'string' }),
    param('PVEAuthCookie', 'cookie', false, { type: 'string' }),
    param('limit', 'query', false, { type: 'integer', minimum: 1, maximum: 50 }),
    param('types', 'query', false, { type: 'array', items: { type: 'string', enum: ['qemu', 'lxc'] } }),
    param('full', 'query', true, { type: 'boolean' }),
    param('label', 'query', false, { type: 'string', maxLength: 4 }),
  ],
  body: { required: true, content: { [mediaType]: { schema: cloneSchema, examples: [] } } },
  responses: [],
  secured: true,
  dialect,
  extensions: {},
});
