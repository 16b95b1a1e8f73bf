// XML answers checked against the schema and its `xml` hints: a correct server gives zero findings; each
// planted defect (malformed, wrong root, wrong namespace, wrong structure) is one finding of
// response_schema_conformance.
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { http, HttpResponse } from 'msw';
import { beforeAll, describe, expect, it } from 'vitest';
import { runContractTests } from '../src/index.js';
import { fetchThrough } from './checks/support/msw-fetch.js';

const NS = 'http://example.com/vms/1';
const SPEC = {
  openapi: '3.0.3',
  info: { title: 'xml vms', version: '1' },
  servers: [{ url: 'https://xml.test/api' }],
  paths: {
    '/vms/{id}': {
      get: {
        operationId: 'getVm',
        parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'integer', minimum: 1, maximum: 3 }, example: 1 }],
        responses: {
          '200': { description: 'the VM', content: { 'application/xml': { schema: { $ref: '#/components/schemas/VirtualMachine' } } } },
          '400': { description: 'bad id', content: { 'application/xml': { schema: { $ref: '#/components/schemas/Error' } } } },
          '404': { description: 'no such VM', content: { 'application/xml': { schema: { $ref: '#/components/schemas/Error' } } } },
        },
      },
    },
  },
  components: {
    schemas: {
      VirtualMachine: {
        type: 'object',
        xml: { namespace: NS, prefix: 'v' },
        required: ['id', 'name', 'disks'],
        properties: {
          id: { type: 'integer', xml: { attribute: true } },
          name: { type: 'string' },
          running: { type: 'boolean' },
          disks: { type: 'array', xml: { wrapped: true }, items: { type: 'object', xml: { name: 'Disk' }, required: ['sizeGb'], properties: { sizeGb: { type: 'integer' } } } },
        },
      },
      Error: { type: 'object', xml: { name: 'Error' }, required: ['Message'], properties: { Message: { type: 'string' } } },
    },
  },
};

type Defect = 'malformed' | 'wrong-root' | 'wrong-namespace' | 'wrong-structure';

function vmXml(id: string, defects: Defect[]): string {
  const root = defects.includes('wrong-root') ? 'v:Machine' : 'v:VirtualMachine';
  const ns = defects.includes('wrong-namespace') ? 'http://example.com/other' : NS;
  const size = defects.includes('wrong-structure') ? 'big' : '32';
  const close = defects.includes('malformed') ? '' : `</${root}>`;
  return `<?xml version="1.0" encoding="UTF-8"?><${root} xmlns:v="${ns}" id="${id}"><v:name>web-${id}</v:name><v:running>true</v:running>`
    + `<v:disks><v:Disk><v:sizeGb>${size}</v:sizeGb></v:Disk><v:Disk><v:sizeGb>8</v:sizeGb></v:Disk></v:disks>${close}`;
}

function server(defects: Defect[] = []) {
  const xml = (status: number, text: string) => new HttpResponse(text, { status, headers: { 'content-type': 'application/xml' } });
  return fetchThrough([
    http.get('https://xml.test/api/vms/:id', ({ params }) => {
      const id = String(params.id);
      if (!/^\d+$/.test(id)) return xml(400, '<Error><Message>bad id</Message></Error>');
      if (!['1', '2', '3'].includes(id)) return xml(404, '<Error><Message>no such VM</Message></Error>');
      return xml(200, vmXml(id, defects));
    }),
    http.all('https://xml.test/*', () => new HttpResponse(null, { status: 405, headers: { allow: 'GET' } })),
  ]);
}

let path: string;
beforeAll(async () => {
  path = join(await mkdtemp(join(tmpdir(), 'hypersim-xml-')), 'xml.json');
  await writeFile(path, JSON.stringify(SPEC));
});

const run = (defects: Defect[] = []) => runContractTests({ spec: path, fetch: server(defects), maxExamples: 5 });

describe('XML responses', () => {
  it('a correct server gives zero findings', async () => {
    const result = await run();
    expect(result.findings.map((finding) => `${finding.check}: ${finding.actual}`)).toEqual([]);
    expect(result.checkStats.response_schema_conformance?.passed).toBeGreaterThan(5);
  });

  it.each([
    ['malformed', /not well-formed XML/, /.+/],
    ['wrong-root', /violates schema/, /the root element is <v:Machine>, expected <VirtualMachine>/],
    ['wrong-namespace', /violates schema/, /namespace is "http:\/\/example.com\/other", expected "http:\/\/example.com\/vms\/1"/],
    ['wrong-structure', /violates schema/, /\/disks\/0\/sizeGb must be integer/],
  ] as Array<[Defect, RegExp, RegExp]>)('%s is caught by response_schema_conformance', async (defect, title, actual) => {
    const result = await run([defect]);
    expect(result.findings.map((finding) => finding.check)).toEqual(['response_schema_conformance']);
    expect(result.findings[0]?.title).toMatch(title);
    expect(result.findings[0]?.actual).toMatch(actual);
  });
});
