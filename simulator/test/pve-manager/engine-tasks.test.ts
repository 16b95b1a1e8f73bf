// The management layer's tasks are rows of the shared task engine: GET /_sim/tasks lists them with state
// and progress, the dashboard's live snapshot carries them, and a restarted simulator goes on with their
// steps. The per-user task endpoints still answer with the seed's ids and envelope.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { managerMigrations } from '../../src/apis/pve-manager/migrations.js';
import { ManagerTasks } from '../../src/apis/pve-manager/model/tasks.js';
import { Clock } from '../../src/core/clock.js';
import { Store } from '../../src/core/store.js';
import { TaskEngine, taskMigrations } from '../../src/core/tasks.js';
import type { Simulator } from '../../src/simulator.js';
import { testSimulator } from '../helpers.js';
import { advance, BOX, manager, setFaults, TEMPLATE } from './client.js';

const ALICE = '65a0beef0000000000000003';
let sim: Simulator | undefined;
let dir: string | undefined;
afterEach(() => {
  sim?.close();
  sim = undefined;
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

async function control(s: Simulator, path: string): Promise<any> {
  const res = await s.fetch('pve-manager')(new Request(`http://manager.test/_sim${path}`));
  expect(res.status).toBe(200);
  return res.json();
}

describe('management-layer tasks on the shared engine', () => {
  it('GET /_sim/tasks?api=pve-manager lists a createFromBoxTemplate task with its state and step progress', async () => {
    sim = testSimulator({ apis: ['pve-manager'] });
    const alice = await manager(sim, 'alice@hypersim.local');
    const { task_id } = (await alice.create(BOX.ubuntu, 'web-01', 2, 2048, 40)).body.data;
    expect(task_id).toMatch(new RegExp(`^clone-${TEMPLATE.ubuntu}-\\d+-${ALICE}$`));

    const [listed, ...others] = await control(sim, '/tasks?api=pve-manager');
    expect(others).toEqual([]);
    expect(listed).toMatchObject({ id: task_id, api: 'pve-manager', type: 'create_vm', owner: ALICE, target: 'web-01', node: 'pve1', state: 'running', progress: 0, dueAt: null });
    // the PVE tasks it starts are listed beside it, under their own API
    expect((await control(sim, '/tasks?api=pve')).map((t: any) => t.type)).toContain('qmclone');

    // step by step: the engine's progress is the share of steps done, as the vendor view shows it
    const seen: number[] = [];
    for (let i = 0; i < 100; i++) {
      const [row] = await control(sim, '/tasks?api=pve-manager');
      const view = await alice.task(task_id);
      expect(Math.floor(row.progress * 100)).toBe(view.progress);
      seen.push(row.progress);
      if (row.state !== 'running') break;
      await advance(sim, 5);
    }
    expect(seen).toEqual([...seen].sort((a, b) => a - b));
    expect(seen.some((p) => p > 0 && p < 1)).toBe(true);
    const [done] = await control(sim, '/tasks?api=pve-manager');
    expect(done).toMatchObject({ state: 'succeeded', progress: 1, result: 'VM created and configured successfully', error: null });
    expect(await control(sim, '/tasks?api=pve-manager&state=running')).toEqual([]);

    // the seed's endpoints: same id, the vendor vocabulary, the envelope
    const all = await alice.send('GET', '/pve/getUserAllTasksStatus');
    expect(all.body).toMatchObject({ code: 200, message: 'Tasks retrieved successfully' });
    expect(all.body.data).toEqual([expect.objectContaining({ task_id, type: 'create_vm', status: 'completed', progress: 100, user_id: ALICE })]);
  });

  it('a failed task is failed on the engine, with the service message and PVE cause as its error', async () => {
    sim = testSimulator({ apis: ['pve-manager'] });
    const alice = await manager(sim, 'alice@hypersim.local');
    await setFaults(sim, [{ api: 'pve', operationId: 'cloneVm', task: { fail: 'clone failed: injected copy error' } }]);
    const { task_id } = (await alice.create(BOX.ubuntu, 'web-02')).body.data;
    expect((await alice.finish(task_id)).status).toBe('failed');
    const [row] = await control(sim, '/tasks?api=pve-manager&state=failed');
    expect(row).toMatchObject({ id: task_id, state: 'failed', error: 'Failed to clone VM from template: clone failed: injected copy error' });
  });

  it("the dashboard's live snapshot carries management-layer tasks with state and progress", async () => {
    sim = testSimulator({ apis: ['pve-manager'] });
    const alice = await manager(sim, 'alice@hypersim.local');
    const { task_id } = (await alice.create(BOX.debian, 'db-01')).body.data;
    const running = (await control(sim, '/snapshot')).tasks.find((t: any) => t.id === task_id);
    expect(running).toMatchObject({ api: 'pve-manager', type: 'create_vm', owner: ALICE, target: 'db-01', state: 'running', progress: 0 });
    await alice.finish(task_id);
    const feed = (await control(sim, '/snapshot')).tasks;
    expect(feed.find((t: any) => t.id === task_id)).toMatchObject({ api: 'pve-manager', state: 'succeeded', progress: 1 });
    // the PVE tasks of its steps are in the same feed
    expect(feed.filter((t: any) => t.api === 'pve').length).toBeGreaterThanOrEqual(5);
  });

  it('a restarted simulator goes on with the steps where the last one stopped', async () => {
    dir = mkdtempSync(join(tmpdir(), 'hypersim-mgr-'));
    const options = { apis: ['pve-manager' as const], dataDir: dir };
    sim = testSimulator(options);
    let alice = await manager(sim, 'alice@hypersim.local');
    const { task_id } = (await alice.create(BOX.ubuntu, 'web-03')).body.data;
    // until the clone is done and the next step runs on PVE
    let before = await alice.task(task_id);
    for (let i = 0; i < 100 && before.steps[1].pve_upid === null; i++) {
      await advance(sim, 5);
      before = await alice.task(task_id);
    }
    expect(before.status).toBe('in_progress');
    expect(before.steps.filter((s: any) => s.pve_upid !== null).length).toBeGreaterThan(1);
    sim.close();

    sim = testSimulator(options);
    alice = await manager(sim, 'alice@hypersim.local');
    const [row] = await control(sim, '/tasks?api=pve-manager');
    expect(row).toMatchObject({ id: task_id, state: 'running' });
    const done = await alice.finish(task_id);
    expect(done).toMatchObject({ status: 'completed', progress: 100 });
    expect(done.steps.slice(0, 2).map((s: any) => s.pve_upid)).toEqual(before.steps.slice(0, 2).map((s: any) => s.pve_upid));
    expect(done.steps.every((s: any) => s.step_status === 'completed')).toBe(true);
  });
});

describe('migration pve-manager/002: mgr_tasks rows move onto the engine', () => {
  it('keeps every task (state, steps, context, times), numbered after the engine tasks, and drops the table', () => {
    const store = new Store(':memory:');
    store.migrate([...taskMigrations, managerMigrations[0]!]);
    const engine = new TaskEngine(store, new Clock({ mode: 'manual' }, store));
    engine.create({ id: 'UPID:pve1:1', api: 'pve', type: 'qmclone', payload: {}, durationMs: 1000 });
    const step = { step_name: 'Clone', pve_upid: 'UPID:pve1:1', step_status: 'in_progress', step_message: 'Clone in progress', step_start_time: 5, step_end_time: null, error_message: null };
    const insert = (id: string, seq: number, status: string, message: string, error: string | null, completed: number | null) =>
      store.run(
        'INSERT INTO mgr_tasks (id, seq, owner, type, status, message, error, created_at, updated_at, completed_at, detail) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
        id, seq, ALICE, 'create_vm', status, message, error, 5, 6, completed, JSON.stringify({ steps: [step], context: { vmName: 'web-01', node: 'pve1', vmid: 100 } }),
      );
    insert('clone-a-5-u', 1, 'in_progress', 'Running step 1 of 5: Clone', null, null);
    insert('clone-b-5-u', 2, 'failed', 'Failed to clone VM from template', 'no space', 7);
    insert('clone-c-5-u', 3, 'completed', 'VM created and configured successfully', null, 8);
    store.migrate(managerMigrations);

    expect(store.get("SELECT name FROM sqlite_master WHERE name = 'mgr_tasks'")).toBeUndefined();
    expect(engine.list({ api: 'pve-manager' }).map((t) => [t.id, t.seq, t.state, t.target, t.node, t.owner, t.dueAt, t.result, t.error])).toEqual([
      ['clone-a-5-u', 2, 'running', 'web-01', 'pve1', ALICE, null, null, null],
      ['clone-b-5-u', 3, 'failed', 'web-01', 'pve1', ALICE, null, null, 'Failed to clone VM from template: no space'],
      ['clone-c-5-u', 4, 'succeeded', 'web-01', 'pve1', ALICE, null, 'VM created and configured successfully', null],
    ]);
    const tasks = new ManagerTasks(engine);
    expect(tasks.get('clone-a-5-u')).toMatchObject({ status: 'in_progress', message: 'Running step 1 of 5: Clone', createdAt: 5, updatedAt: 6, completedAt: null, steps: [step], context: { vmid: 100 } });
    expect(tasks.get('clone-b-5-u')).toMatchObject({ status: 'failed', error: 'no space', completedAt: 7 });
    expect(tasks.ownedBy(ALICE).map((t) => t.id)).toEqual(['clone-c-5-u', 'clone-b-5-u', 'clone-a-5-u']);
    store.close();
  });
});
