// Form bodies honour OpenAPI `encoding` (style, explode): a server that reads its fields exactly as its
// spec encodes them accepts every valid request the harness sends.
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { serializeBody } from '../src/arbitraries/serialize-body.js';
import { runContractTests } from '../src/index.js';
import { fetchThrough } from './checks/support/msw-fetch.js';

const FORM = 'application/x-www-form-urlencoded';

describe('serializeBody with encoding', () => {
  const body = { tags: ['a', 'b'], range: { min: 1, max: 5 }, name: 'x' };
  it('follows style and explode per field', () => {
    const text = (encoding: Parameters<typeof serializeBody>[2]) => decodeURIComponent(serializeBody(body, FORM, encoding).replaceAll('+', ' '));
    expect(text(undefined)).toBe('tags=a&tags=b&range={"min":1,"max":5}&name=x');
    expect(text({ tags: { explode: false }, range: { style: 'form', explode: true } })).toBe('tags=a,b&min=1&max=5&name=x');
    expect(text({ tags: { style: 'pipeDelimited', explode: false }, range: { style: 'deepObject', explode: true } })).toBe('tags=a|b&range[min]=1&range[max]=5&name=x');
    expect(text({ tags: { style: 'spaceDelimited', explode: false }, range: { explode: false } })).toBe('tags=a b&range=min,1,max,5&name=x');
  });
});

const SPEC = {
  openapi: '3.1.0',
  info: { title: 'filters', version: '1' },
  servers: [{ url: 'https://forms.test' }],
  paths: {
    '/searches': {
      post: {
        operationId: 'search',
        requestBody: {
          required: true,
          content: {
            [FORM]: {
              schema: {
                type: 'object', additionalProperties: false, required: ['tags', 'range'],
                properties: {
                  tags: { type: 'array', minItems: 1, maxItems: 3, items: { type: 'string', pattern: '^[a-z]{1,8}$' } },
                  range: { type: 'object', additionalProperties: false, required: ['min'], properties: { min: { type: 'integer', minimum: 0, maximum: 9 } } },
                },
              },
              encoding: { tags: { style: 'pipeDelimited', explode: false }, range: { style: 'deepObject', explode: true } },
            },
          },
        },
        responses: {
          '200': { description: 'found', content: { 'application/json': { schema: { type: 'object', required: ['count'], properties: { count: { type: 'integer' } } } } } },
          '400': { description: 'bad request', content: { 'application/json': { schema: { type: 'object', properties: { message: { type: 'string' } } } } } },
        },
      },
    },
  },
};

/** Reads the body as the spec encodes it: tags pipe-joined in one field, range as range[min]. */
async function searchHandler(request: Request) {
  const form = new URLSearchParams(await request.text());
  const keys = [...new Set(form.keys())];
  const tags = form.getAll('tags');
  const min = form.get('range[min]');
  const wellFormed = keys.every((key) => key === 'tags' || key === 'range[min]') && tags.length === 1
    && (tags[0] ?? '').split('|').every((tag) => /^[a-z]{1,8}$/.test(tag)) && (tags[0] ?? '').split('|').length <= 3
    && min !== null && /^\d$/.test(min);
  return wellFormed ? HttpResponse.json({ count: 0 }) : HttpResponse.json({ message: `bad form: ${[...form].join('&')}` }, { status: 400 });
}

describe('a form API with encoding', () => {
  it('accepts every valid request the harness sends, and rejects the invalid ones', async () => {
    const path = join(await mkdtemp(join(tmpdir(), 'hypersim-form-')), 'forms.json');
    await writeFile(path, JSON.stringify(SPEC));
    const fetch = fetchThrough([
      http.post('https://forms.test/searches', ({ request }) => searchHandler(request)),
      http.all('https://forms.test/*', () => new HttpResponse(null, { status: 405, headers: { allow: 'POST' } })),
    ]);
    const result = await runContractTests({ spec: path, fetch, phases: ['examples', 'fuzz', 'coverage'], maxExamples: 20 });
    expect(result.findings.map((finding) => `${finding.check}: ${finding.actual}`)).toEqual([]);
    expect(result.checkStats.positive_data_acceptance?.passed).toBeGreaterThan(10);
  });
});
