// A response schema ajv cannot compile (here a messy `dependentRequired`) is not skipped silently: the
// run's warnings name the operation and the status, and the other operations are still checked.
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { runContractTests } from '../src/index.js';
import { fetchThrough } from './checks/support/msw-fetch.js';

const SPEC = {
  openapi: '3.1.0',
  info: { title: 'messy', version: '1' },
  servers: [{ url: 'https://messy.test' }],
  paths: {
    '/things': {
      get: {
        operationId: 'listThings',
        responses: { '200': { description: 'things', content: { 'application/json': { schema: { type: 'object', dependentRequired: { a: 'b' } } } } } },
      },
    },
    '/health': {
      get: {
        operationId: 'getHealth',
        responses: { '200': { description: 'ok', content: { 'application/json': { schema: { type: 'object', required: ['ok'], properties: { ok: { type: 'boolean' } } } } } } },
      },
    },
  },
};

describe('a schema ajv cannot compile', () => {
  it('is a warning naming the operation, and the rest is still checked', async () => {
    const path = join(await mkdtemp(join(tmpdir(), 'hypersim-messy-')), 'messy.json');
    await writeFile(path, JSON.stringify(SPEC));
    const fetch = fetchThrough([
      http.get('https://messy.test/things', () => HttpResponse.json({ a: 1 })),
      http.get('https://messy.test/health', () => HttpResponse.json({ ok: 'yes' })),
      http.all('https://messy.test/*', () => new HttpResponse(null, { status: 405, headers: { allow: 'GET' } })),
    ]);
    const result = await runContractTests({ spec: path, fetch, maxExamples: 2 });
    expect(result.spec.warnings.filter((warning) => /cannot be compiled/.test(warning))).toEqual([
      expect.stringMatching(/^listThings response 200: the schema cannot be compiled \(.+\); its bodies are not validated$/),
    ]);
    expect(result.findings.map((finding) => `${finding.check} ${finding.operationId}`)).toContain('response_schema_conformance getHealth');
  });
});
