import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Clock } from '../../src/core/clock.js';
import { Store } from '../../src/core/store.js';
import { TaskEngine, TaskFailure, taskMigrations } from '../../src/core/tasks.js';
import { control, pveClient, testSimulator } from '../helpers.js';

function engine() {
  const store = new Store(':memory:');
  store.migrate(taskMigrations);
  store.db.exec('CREATE TABLE things (name TEXT PRIMARY KEY)');
  const clock = new Clock({ mode: 'manual' }, store);
  const tasks = new TaskEngine(store, clock);
  tasks.define<{ name: string }>({
    api: 't',
    type: 'make',
    succeed: (task) => {
      if (task.payload.name === 'bad') throw new TaskFailure('refused at the end');
      store.run('INSERT INTO things (name) VALUES (?)', task.payload.name);
    },
    undo: (task) => store.run('DELETE FROM things WHERE name = ?', `${task.payload.name}-draft`),
  });
  return { store, clock, tasks };
}

describe('task engine', () => {
  it('runs a task for its planned duration on the virtual clock and applies its effect at the end', () => {
    const { store, clock, tasks } = engine();
    tasks.create({ id: 'a', api: 't', type: 'make', payload: { name: 'x' }, durationMs: 10_000 });
    clock.advance(5_000);
    tasks.tick();
    expect(tasks.get('a')!.state).toBe('running');
    expect(tasks.progress(tasks.get('a')!)).toBeCloseTo(0.5);
    clock.advance(5_000);
    tasks.tick();
    expect(tasks.get('a')).toMatchObject({ state: 'succeeded', finishedAt: clock.now() });
    expect(store.all('SELECT name FROM things')).toEqual([{ name: 'x' }]);
  });

  it('fails as planned, or when the effect refuses, running the undo', () => {
    const { store, clock, tasks } = engine();
    store.run("INSERT INTO things (name) VALUES ('p-draft'), ('bad-draft')");
    tasks.create({ id: 'p', api: 't', type: 'make', payload: { name: 'p' }, durationMs: 0, plan: { outcome: 'fail', message: 'planned' } });
    tasks.create({ id: 'b', api: 't', type: 'make', payload: { name: 'bad' }, durationMs: 0 });
    clock.advance(1);
    tasks.tick();
    expect([tasks.get('p')!.state, tasks.get('p')!.error]).toEqual(['failed', 'planned']);
    expect([tasks.get('b')!.state, tasks.get('b')!.error]).toEqual(['failed', 'refused at the end']);
    expect(store.all('SELECT name FROM things')).toEqual([]);
  });

  it('keeps a stalled task running until it is cancelled', () => {
    const { clock, tasks } = engine();
    tasks.create({ id: 's', api: 't', type: 'make', payload: { name: 's' }, durationMs: 1, plan: { outcome: 'stall' } });
    clock.advance(1e9);
    tasks.tick();
    expect(tasks.get('s')!.state).toBe('running');
    tasks.cancel('s', 'stopped by user');
    expect(tasks.get('s')).toMatchObject({ state: 'cancelled', error: 'stopped by user' });
  });
});

describe('task engine: one task ending another', () => {
  it('does not finish a task that an earlier task of the same tick cancelled', () => {
    const { store, clock, tasks } = engine();
    tasks.define<{ victim: string }>({ api: 't', type: 'stop', succeed: (task) => void tasks.cancel(task.payload.victim, 'stopped by a stop task') });
    tasks.create({ id: 'long', api: 't', type: 'make', payload: { name: 'long' }, durationMs: 60_000 });
    tasks.create({ id: 'stop', api: 't', type: 'stop', payload: { victim: 'long' }, durationMs: 1_000 });
    // one jump past both due times: the stop ends first and cancels the long task, which must stay cancelled
    clock.advance(120_000);
    tasks.tick();
    expect(tasks.get('long')).toMatchObject({ state: 'cancelled', error: 'stopped by a stop task' });
    expect(store.all('SELECT name FROM things')).toEqual([]);
  });
});

describe('durability', () => {
  let dir: string;
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('finishes a task started before a restart, as planned', async () => {
    dir = mkdtempSync(join(tmpdir(), 'hypersim-'));
    const options = { dataDir: dir, clock: { mode: 'manual' as const } };
    const first = testSimulator(options);
    const pve = await pveClient(first);
    const upid = (await pve.request('POST', '/nodes/pve1/qemu/9000/clone', { newid: 500, full: 1 })).body.data;
    await pve.advance(5);
    first.close();

    const second = testSimulator(options);
    const again = await pveClient(second);
    expect((await again.taskStatus(upid)).status).toBe('running');
    expect((await again.request('GET', '/nodes/pve1/qemu/500/status/current')).body.data.lock).toBe('clone');
    // the same request in the same virtual second after the restart gets a task of its own
    const after = (await again.request('POST', '/nodes/pve1/qemu/9001/clone', { newid: 501 })).body.data;
    expect(after).toMatch(/^UPID:/);
    expect(after.split(':').slice(2, 4)).not.toEqual(upid.split(':').slice(2, 4));
    await again.advance(60);
    expect(await again.taskStatus(upid)).toMatchObject({ status: 'stopped', exitstatus: 'OK' });
    expect((await again.request('GET', '/nodes/pve1/qemu/500/status/current')).body.data).not.toHaveProperty('lock');
    second.close();
  });

  it('exports and imports state through the control plane', async () => {
    dir = mkdtempSync(join(tmpdir(), 'hypersim-'));
    const a = testSimulator();
    const pve = await pveClient(a);
    await pve.finish((await pve.request('POST', '/nodes/pve1/qemu/9000/clone', { newid: 600 })).body.data);
    const state = await control(a, 'GET', '/state');
    a.close();
    const b = testSimulator();
    await control(b, 'PUT', '/state', state);
    const again = await pveClient(b);
    expect((await again.request('GET', '/nodes/pve1/qemu/600/config')).status).toBe(200);
    await control(b, 'POST', '/reset');
    expect((await (await pveClient(b)).request('GET', '/nodes/pve1/qemu/600/config')).status).toBe(500);
    b.close();
  });
});
