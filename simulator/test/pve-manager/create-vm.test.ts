// createFromBoxTemplate (seed 004): every message and status, and the step task with its effects on the
// simulated PVE, including the cleanup after a PVE fault.
import { afterEach, describe, expect, it } from 'vitest';
import type { Simulator } from '../../src/simulator.js';
import { testSimulator } from '../helpers.js';
import { BOX, manager, pve, setFaults, TEMPLATE } from './client.js';

const GiB = 1024 ** 3;
let sim: Simulator;
afterEach(() => sim?.close());

async function nfsUsed(): Promise<number> {
  const res = await pve(sim).request('GET', '/nodes/pve1/storage', { storage: 'NFS' });
  return res.body.data[0].used;
}

async function pveVm(vmid: number | string): Promise<any> {
  const res = await pve(sim).request('GET', '/nodes/pve1/qemu');
  return res.body.data.find((vm: any) => vm.vmid === Number(vmid));
}

describe('createFromBoxTemplate drives the simulated PVE', () => {
  it('answers at once; the steps run as PVE tasks and the VM on PVE has the requested cores, memory and disk', async () => {
    sim = testSimulator({ apis: ['pve-manager'] });
    const alice = await manager(sim, 'alice@hypersim.local');
    const before = await nfsUsed();
    const res = await alice.create(BOX.ubuntu, 'web-01', 4, 4096, 50);
    expect(res.status).toBe(200);
    expect(res.body.message).toBe('VM created and configured successfully');
    const { task_id, vm_name, vmid } = res.body.data;
    expect(task_id).toMatch(new RegExp(`^clone-${TEMPLATE.ubuntu}-\\d+-65a0beef0000000000000003$`));
    expect(vm_name).toBe('web-01');
    expect(vmid).toMatch(/^\d+$/);

    // the clone runs on PVE: the VM exists there, locked, and its task is in PVE's task list
    expect(await pveVm(vmid)).toMatchObject({ name: 'web-01', lock: 'clone' });
    const running = await alice.task(task_id);
    expect(running.status).toBe('in_progress');
    expect(running.steps.map((s: any) => s.step_name)).toEqual(['Clone', 'CPU', 'Memory', 'Resize Disk', 'Cloud-Init']);
    expect(running.steps[0]).toMatchObject({ step_status: 'in_progress', error_message: null });
    const active = await pve(sim).request('GET', '/nodes/pve1/tasks', { source: 'active' });
    expect(active.body.data.map((t: any) => t.upid)).toContain(running.steps[0].pve_upid);

    const done = await alice.finish(task_id);
    expect(done).toMatchObject({ status: 'completed', progress: 100, message: 'VM created and configured successfully', vmid: Number(vmid) });
    const types = done.steps.map((s: any) => s.pve_upid.split(':')[5]);
    expect(types).toEqual(['qmclone', 'qmconfig', 'qmconfig', 'qmresize', 'qmconfig']);
    for (const step of done.steps) {
      expect(step.step_status).toBe('completed');
      expect(Date.parse(step.step_end_time)).toBeGreaterThanOrEqual(Date.parse(step.step_start_time));
      const status = await pve(sim).taskStatus(step.pve_upid);
      expect(status).toMatchObject({ status: 'stopped', exitstatus: 'OK' });
    }
    const config = (await pve(sim).request('GET', `/nodes/pve1/qemu/${vmid}/config`)).body.data;
    expect(config).toMatchObject({ name: 'web-01', cores: 4, memory: 4096, ciuser: 'alice', ipconfig0: 'ip=dhcp' });
    expect(config.scsi0).toContain('size=50G');
    expect(config.lock).toBeUndefined();
    expect((await nfsUsed()) - before).toBe(50 * GiB);

    const owned = (await alice.send('GET', '/vm/getUserOwned')).body.data;
    expect(owned).toEqual([expect.objectContaining({ name: 'web-01', vmid: Number(vmid), status: 'ready', cpu_cores: 4, memory: 4096, disk_size: 50 })]);
    const crp = (await alice.send('GET', '/user/getUserCRP')).body.data;
    expect(crp.usage).toEqual({ used_cpu_cores: 4, used_memory: 4096, used_storage: 50, used_vms: 1 });
  });

  it('replays exactly: same seed and requests, same ids, UPIDs and times', async () => {
    const run = async () => {
      sim = testSimulator({ apis: ['pve-manager'] });
      const alice = await manager(sim, 'alice@hypersim.local');
      const res = await alice.create(BOX.ubuntu, 'again', 2, 2048, 40);
      const task = await alice.finish(res.body.data.task_id);
      const vms = (await alice.send('GET', '/vm/getUserOwned')).body.data;
      sim.close();
      return { task, vms };
    };
    const first = await run();
    const second = await run();
    expect(second).toEqual(first);
    expect(first.task.status).toBe('completed');
  });

  it('with taskDurationScale 0 the whole task ends on the next call', async () => {
    sim = testSimulator({ apis: ['pve-manager'], taskDurationScale: 0 });
    const alice = await manager(sim, 'alice@hypersim.local');
    const res = await alice.create(BOX.debian, 'db-01', 2, 2048, 40);
    expect((await alice.task(res.body.data.task_id)).status).toBe('completed');
  });

  it('creates on another node when target names it (the template is cloned across to shared storage)', async () => {
    sim = testSimulator({ apis: ['pve-manager'], taskDurationScale: 0 });
    const alice = await manager(sim, 'alice@hypersim.local');
    const res = await alice.send('POST', '/vm/manage/createFromBoxTemplate', { box_id: BOX.ubuntu, name: 'far-01', target: 'pve2', cpuCores: 1, memorySize: 1024, diskSize: 32 });
    expect((await alice.task(res.body.data.task_id)).status).toBe('completed');
    const onPve2 = (await pve(sim).request('GET', '/nodes/pve2/qemu')).body.data;
    expect(onPve2.map((vm: any) => vm.vmid)).toContain(Number(res.body.data.vmid));
  });
});

describe('seed 004 messages', () => {
  it('400: missing fields, the VM name rule, per-VM limits and what is left of the plan', async () => {
    sim = testSimulator({ apis: ['pve-manager'], taskDurationScale: 0 });
    const bob = await manager(sim, 'bob@hypersim.local');
    const missing = await bob.send('POST', '/vm/manage/createFromBoxTemplate', { box_id: BOX.ubuntu });
    expect(missing.body).toEqual({ code: 400, message: 'Missing required fields: box_id, name, target, cpuCores, memorySize, diskSize', data: null });
    for (const name of ['bad_name', 'has space', '-leading', 'trailing.', '']) {
      const res = await bob.create(BOX.ubuntu, name);
      expect(res.status).toBe(400);
      expect(res.body).toEqual({ code: 400, message: 'Invalid VM name. Name must contain only alphanumeric characters, hyphens, and dots...', data: null });
    }
    expect((await bob.create(BOX.ubuntu, 'ok.name-1', 3, 2048, 40)).body).toEqual({ code: 400, message: 'Requested resources exceed the per VM limits of your compute resource plan', data: null });
    expect((await bob.create(BOX.ubuntu, 'ok', 2, 4096, 40)).body.message).toBe('Requested resources exceed the per VM limits of your compute resource plan');
    expect((await bob.create(BOX.ubuntu, 'ok', 2, 2048, 41)).body.message).toBe('Requested resources exceed the per VM limits of your compute resource plan');
    expect((await bob.create(BOX.ubuntu, 'first', 2, 2048, 40)).status).toBe(200);
    expect((await bob.create(BOX.ubuntu, 'second', 1, 512, 32)).body).toEqual({ code: 400, message: 'Requested resources exceed the available limits of your compute resource plan', data: null });
    const wrongType = await bob.create(BOX.ubuntu, 'typed', '2' as never);
    expect(wrongType.status).toBe(400);
    expect(wrongType.body.message).toContain("'cpuCores'");
    expect((await bob.create('not-an-id', 'x')).body).toEqual({ code: 400, message: 'Invalid box_id: must be a 24-character hex id', data: null });
  });

  it('403 for a template the user may not use; admins may', async () => {
    sim = testSimulator({ apis: ['pve-manager'], taskDurationScale: 0 });
    const alice = await manager(sim, 'alice@hypersim.local');
    expect((await alice.create(BOX.internal, 'tools-01')).body).toEqual({ code: 403, message: 'You do not have permission to use this template', data: null });
    const templates = (await alice.send('GET', '/template/getAccessable')).body.data.map((t: any) => t._id);
    expect(templates).toEqual([TEMPLATE.ubuntu, TEMPLATE.debian]);
    const root = await manager(sim, 'superadmin@hypersim.local');
    expect((await root.create(BOX.internal, 'tools-01')).status).toBe(200);
  });

  it('404: Box, Template and Compute resource plan not found', async () => {
    sim = testSimulator({ apis: ['pve-manager'], taskDurationScale: 0 });
    const alice = await manager(sim, 'alice@hypersim.local');
    expect((await alice.create('65a0b0c5000000000000ffff', 'x')).body).toEqual({ code: 404, message: 'Box not found', data: null });
    const admin = await manager(sim, 'admin@hypersim.local');
    expect((await admin.create(BOX.ubuntu, 'x')).body).toEqual({ code: 404, message: 'Compute resource plan not found', data: null });
    expect((await admin.send('GET', '/user/getUserCRP')).body).toEqual({ code: 404, message: 'Compute resource plan not found', data: null });
    // a Box whose template was removed from the store
    const control = (method: string, path: string, body?: unknown) =>
      sim.fetch('pve-manager')(new Request(`http://manager.test/_sim${path}`, { method, ...(body === undefined ? {} : { body: JSON.stringify(body) }) }));
    const state = (await (await control('GET', '/state')).json()) as Record<string, any[]>;
    state.mgr_templates = state.mgr_templates!.filter((t) => t.id !== TEMPLATE.debian);
    expect((await control('PUT', '/state', state)).status).toBeLessThan(300);
    expect((await alice.create(BOX.debian, 'x')).body).toEqual({ code: 404, message: 'Template not found', data: null });
  });

  it('500 Failed to clone VM from template when PVE refuses the clone; nothing is left and nothing is charged', async () => {
    sim = testSimulator({ apis: ['pve-manager'], taskDurationScale: 0 });
    const alice = await manager(sim, 'alice@hypersim.local');
    await setFaults(sim, [{ api: 'pve', operationId: 'cloneVm', error: { status: 500, message: 'storage is offline' }, maxCount: 1 }]);
    const res = await alice.create(BOX.ubuntu, 'web-01');
    expect(res.status).toBe(500);
    expect(res.body).toEqual({ code: 500, message: 'Failed to clone VM from template', data: null });
    const task = (await alice.send('GET', '/pve/getUserLatestTaskStatus')).body.data;
    expect(task).toMatchObject({ status: 'failed', message: 'Failed to clone VM from template', error_message: 'storage is offline' });
    expect((await alice.send('GET', '/user/getUserCRP')).body.data.usage.used_vms).toBe(0);
    expect((await alice.send('GET', '/vm/getUserOwned')).body.data).toEqual([]);
    // an unknown target node is PVE's refusal too
    expect((await alice.send('POST', '/vm/manage/createFromBoxTemplate', { box_id: BOX.ubuntu, name: 'x', target: 'pve9', cpuCores: 1, memorySize: 512, diskSize: 32 })).status).toBe(500);
  });

  it('a connection to PVE that drops during the clone request is a clone failure too', async () => {
    sim = testSimulator({ apis: ['pve-manager'], taskDurationScale: 0 });
    const alice = await manager(sim, 'alice@hypersim.local');
    await setFaults(sim, [{ api: 'pve', operationId: 'cloneVm', connection: 'reset' }]);
    const res = await alice.create(BOX.ubuntu, 'web-01');
    expect(res.body).toEqual({ code: 500, message: 'Failed to clone VM from template', data: null });
    const task = (await alice.send('GET', '/pve/getUserLatestTaskStatus')).body.data;
    expect(task.error_message).toMatch(/^connection to PVE failed/);
  });

  it('a clone task that fails on PVE fails the task with Failed to clone VM from template', async () => {
    sim = testSimulator({ apis: ['pve-manager'] });
    const alice = await manager(sim, 'alice@hypersim.local');
    await setFaults(sim, [{ api: 'pve', operationId: 'cloneVm', task: { fail: 'clone failed: injected copy error' } }]);
    const res = await alice.create(BOX.ubuntu, 'web-01');
    expect(res.status).toBe(200);
    const task = await alice.finish(res.body.data.task_id);
    expect(task).toMatchObject({ status: 'failed', message: 'Failed to clone VM from template', error_message: 'clone failed: injected copy error' });
    expect(task.steps[0]).toMatchObject({ step_name: 'Clone', step_status: 'failed', error_message: 'clone failed: injected copy error' });
    expect(task.steps.slice(1).every((s: any) => s.step_status === 'pending' && s.pve_upid === null)).toBe(true);
    expect(await pveVm(res.body.data.vmid)).toBeUndefined();
    expect((await alice.send('GET', '/user/getUserCRP')).body.data.usage).toEqual({ used_cpu_cores: 0, used_memory: 0, used_storage: 0, used_vms: 0 });
  });

  it('a later step failing on PVE (resize answers 500) destroys the VM: VM created but configuration failed', async () => {
    sim = testSimulator({ apis: ['pve-manager'] });
    const alice = await manager(sim, 'alice@hypersim.local');
    const before = await nfsUsed();
    await setFaults(sim, [{ api: 'pve', operationId: 'resizeVmDisk', error: { status: 500, message: 'resize: injected failure' } }]);
    const res = await alice.create(BOX.ubuntu, 'web-01', 2, 2048, 64);
    const task = await alice.finish(res.body.data.task_id);
    expect(task).toMatchObject({ status: 'failed', message: 'VM created but configuration failed, resources have been cleaned up', error_message: 'resize: injected failure' });
    expect(task.steps.map((s: any) => s.step_status)).toEqual(['completed', 'completed', 'completed', 'failed', 'pending']);
    expect(task.steps[3]).toMatchObject({ step_name: 'Resize Disk', pve_upid: null, error_message: 'resize: injected failure' });
    expect(await pveVm(res.body.data.vmid)).toBeUndefined();
    const destroyed = (await pve(sim).request('GET', '/nodes/pve1/tasks', { typefilter: 'qmdestroy' })).body.data;
    expect(destroyed.map((t: any) => t.id)).toContain(res.body.data.vmid);
    expect(await nfsUsed()).toBe(before);
    expect((await alice.send('GET', '/user/getUserCRP')).body.data.usage.used_vms).toBe(0);
  });

  it("PVE's own rules show through: a disk smaller than the template's cannot be shrunk, and the VM is cleaned up", async () => {
    sim = testSimulator({ apis: ['pve-manager'], taskDurationScale: 0 });
    const alice = await manager(sim, 'alice@hypersim.local');
    const res = await alice.create(BOX.ubuntu, 'tiny', 1, 512, 10);
    const task = await alice.task(res.body.data.task_id);
    expect(task).toMatchObject({ status: 'failed', message: 'VM created but configuration failed, resources have been cleaned up', error_message: 'shrinking disks is not supported' });
    expect(await pveVm(res.body.data.vmid)).toBeUndefined();
  });
});

describe('delete', () => {
  it('destroys the VM on PVE as a task and releases the plan usage when PVE is done', async () => {
    sim = testSimulator({ apis: ['pve-manager'] });
    const bob = await manager(sim, 'bob@hypersim.local');
    const created = await bob.create(BOX.ubuntu, 'only-one');
    await bob.finish(created.body.data.task_id);
    const vm = (await bob.send('GET', '/vm/getUserOwned')).body.data[0];
    expect((await bob.send('DELETE', '/vm/manage/delete', {})).body).toEqual({ code: 400, message: 'Missing required field: vm_id', data: null });
    expect((await bob.send('DELETE', '/vm/manage/delete', { vm_id: '65a0b0c5000000000000ffff' })).body).toEqual({ code: 404, message: 'VM not found', data: null });
    const res = await bob.send('DELETE', '/vm/manage/delete', { vm_id: vm._id });
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({ vm_id: vm._id, vmid: vm.vmid });
    expect(res.body.data.task_id).toMatch(new RegExp(`^delete-${vm._id}-\\d+-65a0beef0000000000000004$`));
    expect((await bob.send('DELETE', '/vm/manage/delete', { vm_id: vm._id })).body).toEqual({ code: 409, message: 'VM is already being deleted', data: null });
    // still counted until PVE destroyed it
    expect((await bob.create(BOX.ubuntu, 'next')).body.message).toBe('Requested resources exceed the available limits of your compute resource plan');
    const task = await bob.finish(res.body.data.task_id);
    expect(task).toMatchObject({ status: 'completed', message: 'VM deleted successfully' });
    expect(task.steps.map((s: any) => [s.step_name, s.step_status])).toEqual([['Stop', 'skipped'], ['Delete', 'completed']]);
    expect(task.steps[1].pve_upid).toContain(':qmdestroy:');
    expect(await pveVm(vm.vmid)).toBeUndefined();
    expect((await bob.create(BOX.ubuntu, 'next')).status).toBe(200);
  });

  it('stops a running VM first', async () => {
    sim = testSimulator({ apis: ['pve-manager'], taskDurationScale: 0 });
    const bob = await manager(sim, 'bob@hypersim.local');
    const created = await bob.create(BOX.ubuntu, 'runner');
    await bob.task(created.body.data.task_id);
    const start = await pve(sim).request('POST', `/nodes/pve1/qemu/${created.body.data.vmid}/status/start`);
    await pve(sim).finish(start.body.data);
    const vm = (await bob.send('GET', '/vm/getUserOwned')).body.data[0];
    const res = await bob.send('DELETE', '/vm/manage/delete', { vm_id: vm._id });
    const task = await bob.task(res.body.data.task_id);
    expect(task.status).toBe('completed');
    expect(task.steps[0].pve_upid).toContain(':qmstop:');
    expect(await pveVm(vm.vmid)).toBeUndefined();
  });

  it('answers 409 while the VM is still being created', async () => {
    sim = testSimulator({ apis: ['pve-manager'] });
    const alice = await manager(sim, 'alice@hypersim.local');
    await alice.create(BOX.ubuntu, 'busy');
    const vm = (await alice.send('GET', '/vm/getUserOwned')).body.data[0];
    expect((await alice.send('DELETE', '/vm/manage/delete', { vm_id: vm._id })).body).toEqual({ code: 409, message: 'VM is still being created', data: null });
  });
});

