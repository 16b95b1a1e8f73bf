// Users see and touch only their own VMs and tasks; the task status endpoints.
import { afterEach, describe, expect, it } from 'vitest';
import type { Simulator } from '../../src/simulator.js';
import { testSimulator } from '../helpers.js';
import { BOX, manager } from './client.js';

let sim: Simulator;
afterEach(() => sim?.close());

describe('isolation between users', () => {
  it("bob sees none of alice's VMs or tasks and cannot delete her VM; a SuperAdmin can", async () => {
    sim = testSimulator({ apis: ['pve-manager'], taskDurationScale: 0 });
    const alice = await manager(sim, 'alice@hypersim.local');
    const bob = await manager(sim, 'bob@hypersim.local');
    const created = await alice.create(BOX.ubuntu, 'alice-vm');
    const taskId = created.body.data.task_id;
    await alice.task(taskId);
    const vm = (await alice.send('GET', '/vm/getUserOwned')).body.data[0];

    expect((await bob.send('GET', '/vm/getUserOwned')).body.data).toEqual([]);
    expect((await bob.send('GET', '/pve/getUserAllTasksStatus')).body.data).toEqual([]);
    expect((await bob.send('GET', '/pve/getUserLatestTaskStatus')).body).toEqual({ code: 404, message: 'No tasks found', data: null });
    expect((await bob.send('POST', '/pve/refreshTaskStatus', { task_id: taskId })).body).toEqual({ code: 404, message: 'Task not found', data: null });
    expect((await bob.send('POST', '/pve/getMultipleTasksStatus', { task_ids: [taskId] })).body.data).toEqual({ tasks: [], not_found: [taskId] });
    expect((await bob.send('DELETE', '/vm/manage/delete', { vm_id: vm._id })).body).toEqual({ code: 404, message: 'VM not found', data: null });
    expect((await bob.send('GET', '/user/getUserCRP')).body.data.usage.used_vms).toBe(0);

    const root = await manager(sim, 'superadmin@hypersim.local');
    const deletion = await root.send('DELETE', '/vm/manage/delete', { vm_id: vm._id });
    expect(deletion.status).toBe(200);
    // the task belongs to whoever started it
    expect((await root.task(deletion.body.data.task_id)).status).toBe('completed');
    expect((await alice.send('POST', '/pve/refreshTaskStatus', { task_id: deletion.body.data.task_id })).status).toBe(404);
    expect((await alice.send('GET', '/user/getUserCRP')).body.data.usage.used_vms).toBe(0);
  });
});

describe('task status endpoints', () => {
  it('all (newest first), latest, several by id, one refreshed; 400 for bad input', async () => {
    sim = testSimulator({ apis: ['pve-manager'], taskDurationScale: 0 });
    const alice = await manager(sim, 'alice@hypersim.local');
    const a = (await alice.create(BOX.ubuntu, 'one')).body.data.task_id;
    const b = (await alice.create(BOX.debian, 'two')).body.data.task_id;
    const all = (await alice.send('GET', '/pve/getUserAllTasksStatus')).body.data;
    expect(all.map((t: any) => t.task_id)).toEqual([b, a]);
    expect(all.every((t: any) => t.status === 'completed' && t.progress === 100)).toBe(true);
    expect((await alice.send('GET', '/pve/getUserLatestTaskStatus')).body.data.task_id).toBe(b);
    const several = (await alice.send('POST', '/pve/getMultipleTasksStatus', { task_ids: [a, 'clone-nope', b] })).body.data;
    expect(several.tasks.map((t: any) => t.task_id)).toEqual([a, b]);
    expect(several.not_found).toEqual(['clone-nope']);
    expect((await alice.send('POST', '/pve/getMultipleTasksStatus', { task_ids: [] })).status).toBe(400);
    expect((await alice.send('POST', '/pve/getMultipleTasksStatus', {})).body).toEqual({ code: 400, message: 'Missing required field: task_ids', data: null });
    expect((await alice.send('POST', '/pve/refreshTaskStatus', {})).body).toEqual({ code: 400, message: 'Missing required field: task_id', data: null });
    expect((await alice.send('POST', '/pve/refreshTaskStatus', { task_id: 7 })).status).toBe(400);
  });

  it('a running task shows its progress step by step on the manual clock', async () => {
    sim = testSimulator({ apis: ['pve-manager'] });
    const alice = await manager(sim, 'alice@hypersim.local');
    const id = (await alice.create(BOX.ubuntu, 'slow')).body.data.task_id;
    const seen = new Set<number>();
    let task = await alice.task(id);
    while (task.status === 'in_progress') {
      seen.add(task.progress);
      await sim.fetch('pve-manager')(new Request('http://m/_sim/clock/advance', { method: 'POST', body: JSON.stringify({ seconds: 0.5 }) }));
      task = await alice.task(id);
    }
    expect(task.status).toBe('completed');
    expect([...seen].sort((x, y) => x - y)).toEqual([0, 20, 40, 60, 80]);
  });
});
