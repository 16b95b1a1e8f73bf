// Tasks on APIs the harness has never seen: recognised from the spec alone (a link, a status-URL header,
// a job id field), followed to their end, and judged with default flags.
import { describe, expect, it } from 'vitest';
import { stateFieldOf } from '../../src/checks/spec-tasks.js';
import { runContractTests } from '../../src/index.js';
import type { RunOptions } from '../../src/run-types.js';
import { TASK_SPECS, taskServer, type TaskDefect, type TaskStyle } from '../support/task-servers.js';

const STYLES: TaskStyle[] = ['links', 'operation-location', 'azure-asyncoperation', 'location', 'jobs'];

async function run(style: TaskStyle, defects: TaskDefect[] = [], extra: Partial<RunOptions> = {}) {
  const server = taskServer(style, defects);
  // a short bound: the servers advance their tasks per read, so three polls (20 ms of waits) end a correct task
  const result = await runContractTests({
    spec: TASK_SPECS[style], fetch: server.fetch, seed: 3, maxExamples: 4, taskTimeoutMs: 300, taskPollIntervalMs: 10, ...extra,
  });
  return { result, server };
}

const summary = (findings: Array<{ check: string; operationId: string; title: string }>) => findings.map((f) => `${f.check} ${f.operationId}: ${f.title}`);

describe('the state field of a status schema', () => {
  it('prefers a state-like name, reads terminal values by name, and looks into envelopes', () => {
    const field = stateFieldOf({
      type: 'object',
      properties: {
        kind: { type: 'string', enum: ['done', 'other'] },
        result: { type: 'object', properties: { status: { type: 'string', enum: ['Queued', 'In-Progress', 'SUCCEEDED', 'Cancelled'] } } },
        state: { type: 'string', enum: ['waiting', 'Completed', 'aborted'] },
      },
    });
    expect(field).toEqual({ pointer: '/state', running: ['waiting'], failed: ['aborted'] });
    expect(stateFieldOf({ type: 'object', properties: { data: { type: 'object', properties: { phase: { enum: ['run', 'ok'] } } } } })?.pointer).toBe('/data/phase');
  });

  it('does not take a resource status without a success value for a task', () => {
    expect(stateFieldOf({ type: 'object', properties: { status: { type: 'string', enum: ['running', 'stopped', 'error'] } } })).toBeUndefined();
  });
});

describe.each(STYLES)('tasks recognised from the spec: %s', (style) => {
  it('a correct server gives zero findings, and its tasks are followed to their end', async () => {
    const { result, server } = await run(style);
    expect(summary(result.findings)).toEqual([]);
    expect(server.tasks.size).toBeGreaterThan(0);
    // every task was read until it stopped running (2 running states, then the end state)
    const polled = [...server.tasks.values()].filter((task) => task.read() === task.read());
    expect(polled.length).toBe(server.tasks.size);
    expect(result.checkStats.async_task_completion?.passed).toBeGreaterThan(0);
  });

  it('a task that never ends fails async_task_completion within --task-timeout', async () => {
    // the examples phase alone: every never-ending task costs the whole bound
    const { result } = await run(style, ['never-ends'], { phases: ['examples'] });
    const found = result.findings.filter((finding) => finding.check === 'async_task_completion');
    expect(summary(found).length).toBeGreaterThan(0);
    expect(found[0]?.title).toBe('Task never ended');
    expect(found[0]?.expected).toContain('within 300 ms');
    expect(result.findings.every((finding) => finding.check === 'async_task_completion')).toBe(true);
  });

  it('an end state outside the enum fails response_schema_conformance', async () => {
    const { result } = await run(style, ['state-outside-enum']);
    // the stateful phase may also read the task itself through the link: the same break, on getTask
    expect(result.findings.every((finding) => finding.check === 'response_schema_conformance')).toBe(true);
    const ended = result.findings.find((finding) => finding.title === 'Task end state does not match its schema');
    expect(ended?.actual).toMatch(/must be equal to one of the allowed values.*finished_ok/);
  });
});
