import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { http } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runContractTests } from '../src/index.js';
import type { RunOptions } from '../src/run-types.js';
import { vmsServer, type Defect } from './support/vms-server.js';

const SPEC = fileURLToPath(new URL('./fixtures/vms.yaml', import.meta.url));

function options(server: ReturnType<typeof vmsServer>, extra: Partial<RunOptions> = {}): RunOptions {
  return { spec: SPEC, fetch: server.handle, headers: { 'X-API-Key': 'k-1' }, seed: 1, maxExamples: 8, ...extra };
}

describe('the runner against msw', () => {
  const server = vmsServer();
  const msw = setupServer(http.all('https://vms.test/api/v1/*', ({ request }) => server.handle(request)));
  beforeAll(() => msw.listen({ onUnhandledRequest: 'error' }));
  afterAll(() => msw.close());

  it('passes a correct server with zero findings, through every phase', async () => {
    const result = await runContractTests({ ...options(server), fetch: (request) => fetch(request) });
    expect(result.findings).toEqual([]);
    expect(result.passed).toBe(true);
    expect(result.counts.requests).toBeGreaterThan(40);
    expect(result.counts.checksRun).toBeGreaterThan(result.counts.requests);
    const methodsSeen = new Set(server.requests.map((request) => request.method));
    expect(methodsSeen).toEqual(new Set(['GET', 'POST', 'DELETE', 'PATCH']));
    expect(result.operationStats.map((stats) => stats.operationId).sort()).toEqual(['createVm', 'deleteVm', 'getHealth', 'getVm', 'listVms']);
    expect(result.checkStats.not_a_server_error?.passed).toBeGreaterThan(0);
  });
});

describe('the runner finds deliberate defects', () => {
  const cases: Array<[Defect, string, string]> = [
    ['crash-on-bad-memory', 'createVm', 'not_a_server_error'],
    ['ignores-auth', 'listVms', 'ignored_auth'],
    ['readable-after-delete', 'deleteVm', 'use_after_free'],
    ['wrong-content-type', 'listVms', 'content_type_conformance'],
    ['undocumented-status', 'getHealth', 'status_code_conformance'],
    ['wrong-field-type', 'getVm', 'response_schema_conformance'],
    ['missing-required-field', 'getVm', 'response_schema_conformance'],
  ];
  it.each(cases)('%s -> %s: %s', async (defect, operationId, check) => {
    const result = await runContractTests(options(vmsServer([defect])));
    expect(result.passed).toBe(false);
    const finding = result.findings.find((candidate) => candidate.check === check && candidate.operationId === operationId);
    expect(finding, JSON.stringify(result.findings.map((f) => [f.check, f.operationId]))).toBeDefined();
    expect(finding?.curl).toMatch(/^curl -sS -i -X [A-Z]+ /);
    expect(finding?.seed).toBe(1);
    expect(finding?.curl).not.toContain('k-1');
  });

  it('reports a schema-violating request that crashed the server from the negative phase', async () => {
    const result = await runContractTests(options(vmsServer(['crash-on-bad-memory']), { phases: ['negative'] }));
    const finding = result.findings.find((candidate) => candidate.check === 'not_a_server_error');
    expect(finding?.phase).toBe('negative');
    expect(finding?.violation?.location).toBe('body');
  });

  it('shrinks a fuzz failure to the minimal failing request', async () => {
    const result = await runContractTests(options(vmsServer(['crash-on-big-memory']), { phases: ['fuzz'], maxExamples: 60 }));
    const finding = result.findings.find((candidate) => candidate.check === 'not_a_server_error');
    expect(finding?.phase).toBe('fuzz');
    expect(JSON.parse(finding?.request.body ?? '{}').memory).toBe(2049);
  });
});

describe('run controls', () => {
  it('stateful follows a create through its linked read to the delete and the read after it', async () => {
    const server = vmsServer();
    const result = await runContractTests(options(server, { phases: ['stateful'] }));
    expect(result.findings).toEqual([]);
    const calls = server.requests.map((request) => `${request.method} ${new URL(request.url).pathname}`);
    // checks add their own follow-up reads in between; the order is what matters
    const created = calls.indexOf('POST /api/v1/vms');
    const read = calls.indexOf('GET /api/v1/vms/vm-2');
    const deleted = calls.indexOf('DELETE /api/v1/vms/vm-2');
    const readAgain = calls.lastIndexOf('GET /api/v1/vms/vm-2');
    expect(created).toBeGreaterThanOrEqual(0);
    expect([created < read, read < deleted, deleted < readAgain]).toEqual([true, true, true]);
  });

  it('a response-time bound switches on its opt-in check; --checks and --exclude-checks choose exactly', async () => {
    const server = vmsServer();
    expect((await runContractTests(options(server, { dryRun: true, maxResponseTimeMs: 5000 }))).checks).toContain('max_response_time');
    expect((await runContractTests(options(server, { dryRun: true }))).checks).not.toContain('max_response_time');
    const chosen = await runContractTests(options(server, { dryRun: true, checks: ['not_a_server_error', 'ignored_auth'], excludeChecks: ['ignored_auth'] }));
    expect(chosen.checks).toEqual(['not_a_server_error']);
  });

  it('--dry-run plans without sending anything', async () => {
    const server = vmsServer();
    const result = await runContractTests(options(server, { dryRun: true }));
    expect(server.requests).toEqual([]);
    expect(result.dryRun).toBe(true);
    const createVm = result.plan.find((entry) => entry.operationId === 'createVm');
    expect(createVm?.requests.fuzz).toBe(8);
    expect(createVm?.requests.examples).toBe(1);
    expect(createVm?.requests.auth).toBe(2);
    expect(result.plan.find((entry) => entry.operationId === 'getHealth')?.requests.auth).toBe(0);
  });

  it('--read-only sends only safe methods', async () => {
    const server = vmsServer();
    const result = await runContractTests(options(server, { readOnly: true }));
    expect(result.findings).toEqual([]);
    expect(new Set(server.requests.map((request) => request.method))).toEqual(new Set(['GET']));
  });

  it('--max-failures stops early', async () => {
    const result = await runContractTests(options(vmsServer(['ignores-auth', 'crash-on-bad-memory', 'wrong-content-type']), { maxFailures: 1, workers: 1 }));
    expect(result.findings).toHaveLength(1);
    expect(result.stoppedEarly).toBe(true);
  });

  it('an aborted run stops, still cleans up and reports', async () => {
    const server = vmsServer();
    const controller = new AbortController();
    const result = await runContractTests(
      options(server, {
        signal: controller.signal,
        cleanup: true,
        workers: 1,
        onProgress: (progress) => {
          if (progress.phase === 'examples' && progress.operationId === 'createVm') controller.abort();
        },
      }),
    );
    expect(result.stoppedEarly).toBe(true);
    expect(server.requests.some((request) => request.method === 'PATCH')).toBe(false);
    expect(result.cleanup.length).toBeGreaterThan(0);
    expect(result.cleanup.every((record) => record.outcome === 'deleted')).toBe(true);
  });

  it('--cleanup deletes what the run created, and names carry the prefix', async () => {
    const server = vmsServer();
    const result = await runContractTests(options(server, { cleanup: true, namePrefix: 'ci-run-', phases: ['examples', 'fuzz'] }));
    expect(result.cleanup.length).toBeGreaterThan(0);
    expect(result.cleanup.every((record) => record.outcome === 'deleted')).toBe(true);
    expect([...server.vms.keys()].filter((id) => id !== 'vm-1')).toEqual([]);
    const created = server.requests.filter((request) => request.method === 'POST');
    expect(created.length).toBeGreaterThan(0);
  });

  it('without --cleanup, lists what it left behind', async () => {
    const server = vmsServer();
    const result = await runContractTests(options(server, { phases: ['examples'] }));
    expect(result.cleanup.map((record) => record.outcome)).toContain('left');
    expect([...server.vms.values()].some((vm) => vm.name.startsWith('hypersim-'))).toBe(true);
  });

  it('is reproducible: the same seed sends the same requests', async () => {
    const urls = async () => {
      const server = vmsServer();
      await runContractTests(options(server, { phases: ['fuzz', 'negative'], workers: 1 }));
      return server.requests.map((request) => `${request.method} ${request.url}`);
    };
    expect(await urls()).toEqual(await urls());
  });
});

describe('--strict-spec', () => {
  it('makes a wrong example in the document fatal, as it makes unreadable schemas fatal', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'hypersim-strict-'));
    const spec = join(dir, 'spec.yaml');
    await writeFile(spec, [
      'openapi: 3.1.0',
      'info: { title: t, version: "1" }',
      'servers: [{ url: "https://t.test" }]',
      'paths:',
      '  /things/{id}:',
      '    get:',
      '      operationId: getThing',
      '      parameters: [{ name: id, in: path, required: true, schema: { type: integer }, example: "seven" }]',
      '      responses: { "200": { description: ok } }',
    ].join('\n'));
    const plan = await runContractTests({ spec, dryRun: true });
    expect(plan.spec.warnings.join('\n')).toMatch(/getThing path\.id: example does not match its schema/);
    await expect(runContractTests({ spec, dryRun: true, strictSpec: true })).rejects.toThrow(/problems in the document \(--strict-spec\):\n {2}getThing path\.id: example/);
  });
});
