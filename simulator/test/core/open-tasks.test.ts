// Open tasks: no due time; their kind's advance follows the work and ends them (complete / fail). Advance
// passes run one at a time, oldest task first, on demand and on the engine's timer; progress comes from
// the kind; a new engine over the same store file goes on where the last one stopped.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Clock, type ClockMode } from '../../src/core/clock.js';
import { Store } from '../../src/core/store.js';
import { type Task, TaskEngine, taskMigrations } from '../../src/core/tasks.js';

interface Steps {
  done: number;
  total: number;
  failAt?: number;
}

let dir: string | undefined;
afterEach(() => {
  vi.useRealTimers();
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

/** An engine whose 'steps' kind does one step per advance (awaiting in between, as a call to another API would). */
function engine(file = ':memory:', clockMode: ClockMode = { mode: 'manual' }) {
  const store = new Store(file);
  store.migrate(taskMigrations);
  const clock = new Clock(clockMode, store);
  const tasks = new TaskEngine(store, clock);
  const log: string[] = [];
  let inside = 0;
  tasks.define<Steps>({
    api: 't',
    type: 'steps',
    async advance(task) {
      inside += 1;
      if (inside > 1) log.push('overlap');
      log.push(`${task.id}@${task.payload.done}`);
      await new Promise((resolve) => setImmediate(resolve));
      const done = task.payload.done + 1;
      inside -= 1;
      if (task.payload.failAt === done) tasks.fail(task.id, `step ${done} failed`, { ...task.payload, done });
      else if (done === task.payload.total) tasks.complete(task.id, { steps: done }, { ...task.payload, done });
      else tasks.update(task.id, { ...task.payload, done });
    },
    progress: (task: Task<Steps>) => task.payload.done / task.payload.total,
  });
  const open = (id: string, payload: Steps) => tasks.create({ id, api: 't', type: 'steps', payload, durationMs: 5_000, open: true });
  return { store, clock, tasks, log, open };
}

describe('open tasks', () => {
  it('have no due time, do not end by the clock, and report the progress their kind computes', () => {
    const { clock, tasks, open } = engine();
    const task = open('a', { done: 0, total: 4 });
    expect(task).toMatchObject({ state: 'running', dueAt: null });
    clock.advance(3_600_000);
    tasks.tick();
    expect(tasks.get('a')!.state).toBe('running');
    tasks.update('a', { done: 1, total: 4 });
    expect(tasks.progress(tasks.get('a')!)).toBe(0.25);
  });

  it('advance passes follow each task until its kind ends it, oldest first, never two at once', async () => {
    const { tasks, log, open } = engine();
    open('a', { done: 0, total: 2 });
    open('b', { done: 0, total: 3, failAt: 2 });
    const first = tasks.advanceOpen();
    expect(tasks.advanceOpen()).toBe(first); // not started yet: callers share it
    await new Promise((resolve) => setImmediate(resolve));
    expect(log).toEqual(['a@0']); // the first pass is inside a's advance now
    // callers arriving while a pass runs get one fresh pass queued behind it, shared between them
    const second = tasks.advanceOpen();
    expect(tasks.advanceOpen()).toBe(second);
    expect(second).not.toBe(first);
    await Promise.all([first, second]);
    expect(log).toEqual(['a@0', 'b@0', 'a@1', 'b@1']);
    expect(tasks.get('a')).toMatchObject({ state: 'succeeded', result: { steps: 2 }, error: null, payload: { done: 2 } });
    expect(tasks.get('b')).toMatchObject({ state: 'failed', error: 'step 2 failed', payload: { done: 2 } });
    expect(tasks.get('a')!.finishedAt).not.toBeNull();
    expect(tasks.progress(tasks.get('b')!)).toBe(1);
    await tasks.advanceOpen();
    expect(log).toHaveLength(4);
  });

  it('an ended task is not advanced again and complete/fail/update leave it as it ended', async () => {
    const { tasks, log, open } = engine();
    open('c', { done: 0, total: 5 });
    expect(tasks.cancel('c', 'stopped by the user')!.state).toBe('cancelled');
    await tasks.advanceOpen();
    expect(log).toEqual([]);
    tasks.complete('c', 'late');
    tasks.update('c', { done: 9, total: 5 });
    expect(tasks.get('c')).toMatchObject({ state: 'cancelled', error: 'stopped by the user', result: null, payload: { done: 0 } });
  });

  it('tells the end listeners when a kind ends a task', async () => {
    const { tasks, open } = engine();
    let ended = 0;
    tasks.onEnd(() => (ended += 1));
    open('d', { done: 0, total: 1 });
    await tasks.advanceOpen();
    expect(ended).toBe(1);
  });

  it('a new engine over the same store goes on where the last one stopped', async () => {
    dir = mkdtempSync(join(tmpdir(), 'hypersim-open-'));
    const first = engine(join(dir, 'tasks.db'));
    first.open('e', { done: 0, total: 3 });
    await first.tasks.advanceOpen();
    first.store.close();
    const second = engine(join(dir, 'tasks.db'));
    expect(second.tasks.get('e')).toMatchObject({ state: 'running', payload: { done: 1 } });
    await second.tasks.advanceOpen();
    await second.tasks.advanceOpen();
    expect(second.tasks.get('e')).toMatchObject({ state: 'succeeded', payload: { done: 3 } });
    second.store.close();
  });

  it("the engine's timer starts advance passes while the clock moves by itself", async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    const { tasks, open, store } = engine(':memory:', { mode: 'scaled', factor: 1 });
    open('f', { done: 0, total: 1 });
    tasks.startTimer(50, 0);
    vi.advanceTimersByTime(50);
    // the pass started by the timer ends the task once its awaited step is done
    for (let i = 0; i < 10 && tasks.get('f')!.state === 'running'; i++) await new Promise((resolve) => setImmediate(resolve));
    expect(tasks.get('f')!.state).toBe('succeeded');
    tasks.stopTimer();
    store.close();
  });
});
