// Every check on by default, and what a valid request may get: for the run, per operation in
// hypersim.test.yaml, and from the spec's x-hypersim-state-refusals. A service never seen before, described
// only by its spec, is caught rejecting valid input and leaving a task running with the default checks.
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { toSettings } from '../src/cli.js';
import { loadConfig } from '../src/config.js';
import { UsageError } from '../src/errors.js';
import { runContractTests } from '../src/index.js';
import { TASK_SPECS, taskServer, type TaskDefect } from './support/task-servers.js';

async function configFile(text: string): Promise<string> {
  const path = join(await mkdtemp(join(tmpdir(), 'hypersim-config-')), 'hypersim.test.yaml');
  await writeFile(path, text);
  return path;
}

// default checks and phases; a short task bound (a correct task ends after 20 ms of waits) and few
// examples keep the never-ending tasks from slowing the suite
const run = (defects: TaskDefect[], extra: Parameters<typeof runContractTests>[0] = {}) =>
  runContractTests({
    spec: TASK_SPECS.links, fetch: taskServer('links', defects).fetch, maxExamples: 4, taskTimeoutMs: 300, taskPollIntervalMs: 10, ...extra,
  });

describe('a service never seen, with the default checks', () => {
  it('catches a task that never ends and a rejected valid input, and nothing else', async () => {
    const result = await run(['never-ends', 'rejects-dots']);
    const found = new Set(result.findings.map((finding) => `${finding.check} ${finding.operationId}`));
    expect(found).toEqual(new Set(['async_task_completion createVm', 'positive_data_acceptance createVm']));
    const rejected = result.findings.find((finding) => finding.check === 'positive_data_acceptance');
    expect(rejected?.actual).toMatch(/^400 /);
    expect(JSON.parse(rejected?.request.body ?? '{}').name).toContain('.');
  });

  it('a refused valid input can be expected per operation, or for the run', async () => {
    const perOperation = await run(['rejects-dots'], { operations: { createVm: { expectedStatuses: ['2XX', '400', '404'] } } });
    expect(perOperation.findings).toEqual([]);
    const forTheRun = await run(['rejects-dots'], { expectedStatuses: ['2XX', '400', '404'] });
    expect(forTheRun.findings).toEqual([]);
    const otherOperation = await run(['rejects-dots'], { operations: { getTask: { expectedStatuses: ['2XX', '400', '404'] } } });
    expect(otherOperation.findings.map((finding) => finding.check)).toContain('positive_data_acceptance');
  });

  it('checks can be left out or chosen per operation', async () => {
    const examples = { phases: ['examples' as const] };
    const result = await run(['never-ends', 'rejects-dots'], { ...examples, operations: { createVm: { excludeChecks: ['async_task_completion'] } } });
    expect(result.findings.map((finding) => finding.check)).toEqual(['positive_data_acceptance']);
    const only = await run(['never-ends', 'rejects-dots'], { ...examples, operations: { createVm: { checks: ['not_a_server_error'] } } });
    expect(only.findings).toEqual([]);
    expect(only.checkStats.not_a_server_error?.passed).toBeGreaterThan(0);
  });

  it('an operationId the spec lacks is a usage error', async () => {
    await expect(run([], { operations: { noSuchOperation: { expectedStatuses: ['2XX'] } } })).rejects.toThrow(UsageError);
  });
});

describe('hypersim.test.yaml operations', () => {
  it('reads per-operation settings in kebab-case and checks them', async () => {
    const path = await configFile(
      ['spec: api.yaml', 'expected-statuses: 2xx,404', 'operations:', '  createVm:', '    expected-statuses: [2XX, 409]', '    exclude-checks: [use_after_free]'].join('\n'),
    );
    const settings = toSettings(await loadConfig(path, {}));
    expect(settings.expectedStatuses).toEqual(['2XX', '404']);
    expect(settings.operations).toEqual({ createVm: { expectedStatuses: ['2XX', '409'], excludeChecks: ['use_after_free'] } });
    expect(() => toSettings({ spec: 'a', operations: { x: { checks: ['nope'] } } })).toThrow(/unknown check/);
    expect(() => toSettings({ spec: 'a', operations: { x: { colour: 'red' } } })).toThrow(/unknown setting/);
    expect(() => toSettings({ spec: 'a', expectedStatuses: 'ok' })).toThrow(/expected status codes/);
  });
});
