// template/manage/clone (seed 000): messages, statuses, and the template it makes on PVE.
import { afterEach, describe, expect, it } from 'vitest';
import type { Simulator } from '../../src/simulator.js';
import { testSimulator } from '../helpers.js';
import { BOX, manager, pve, setFaults, TEMPLATE } from './client.js';

let sim: Simulator;
afterEach(() => sim?.close());

const SUPERADMIN = '65a0beef0000000000000001';

describe('template clone', () => {
  it('answers at once; the task clones on PVE to target_node and converts the copy into a template', async () => {
    sim = testSimulator({ apis: ['pve-manager'] });
    const root = await manager(sim, 'superadmin@hypersim.local');
    const res = await root.send('POST', '/template/manage/clone', { template_id: TEMPLATE.ubuntu, new_template_name: 'ubuntu-hardened', description: 'hardened', target_node: 'pve2' });
    expect(res.status).toBe(200);
    expect(res.body.message).toBe('Template cloned successfully');
    const { template_id, task_id } = res.body.data;
    expect(template_id).toMatch(/^[0-9a-f]{24}$/);
    expect(task_id).toMatch(new RegExp(`^clone-template-${TEMPLATE.ubuntu}-\\d+-${SUPERADMIN}$`));
    // not usable until the task completed
    expect((await root.send('GET', '/template/getAccessable')).body.data.map((t: any) => t._id)).not.toContain(template_id);
    const task = await root.finish(task_id);
    expect(task).toMatchObject({ type: 'clone_template', status: 'completed', message: 'Template cloned successfully', node: 'pve2' });
    expect(task.steps.map((s: any) => [s.step_name, s.step_status, s.pve_upid.split(':')[5]])).toEqual([
      ['Clone', 'completed', 'qmclone'],
      ['Convert to Template', 'completed', 'qmtemplate'],
    ]);
    const templates = (await root.send('GET', '/template/getAccessable')).body.data;
    const made = templates.find((t: any) => t._id === template_id);
    expect(made).toMatchObject({ name: 'ubuntu-hardened', description: 'hardened', pve_node: 'pve2', is_public: false, owner: SUPERADMIN, status: 'ready' });
    const onPve = (await pve(sim).request('GET', '/nodes/pve2/qemu')).body.data.find((vm: any) => vm.vmid === made.pve_vmid);
    expect(onPve).toMatchObject({ name: 'ubuntu-hardened', template: 1 });
    const config = (await pve(sim).request('GET', `/nodes/pve2/qemu/${made.pve_vmid}/config`)).body.data;
    expect(config.scsi0).toMatch(/^NFS:/);
    // the private template is not offered to users
    const alice = await manager(sim, 'alice@hypersim.local');
    expect((await alice.send('GET', '/template/getAccessable')).body.data.map((t: any) => t._id)).not.toContain(template_id);
  });

  it('honours storage (a clone to another node on non-shared storage is refused by PVE: 500)', async () => {
    sim = testSimulator({ apis: ['pve-manager'], taskDurationScale: 0 });
    const root = await manager(sim, 'superadmin@hypersim.local');
    const res = await root.send('POST', '/template/manage/clone', { template_id: TEMPLATE.ubuntu, new_template_name: 'x', description: 'x', target_node: 'pve2', storage: 'local-lvm' });
    expect(res.status).toBe(500);
    expect(res.body).toEqual({ code: 500, message: "Failed to clone template: can't clone to non-shared storage 'local-lvm'", data: null });
    const local = await root.send('POST', '/template/manage/clone', { template_id: TEMPLATE.ubuntu, new_template_name: 'local-copy', description: 'on local-lvm', storage: 'local-lvm' });
    expect((await root.task(local.body.data.task_id)).status).toBe('completed');
    const made = (await root.send('GET', '/template/getAccessable')).body.data.find((t: any) => t._id === local.body.data.template_id);
    const config = (await pve(sim).request('GET', `/nodes/pve1/qemu/${made.pve_vmid}/config`)).body.data;
    expect(config.scsi0).toMatch(/^local-lvm:/);
  });

  it('400 for missing fields and an invalid name, 404 for an unknown source, 401/403 for others', async () => {
    sim = testSimulator({ apis: ['pve-manager'], taskDurationScale: 0 });
    const root = await manager(sim, 'superadmin@hypersim.local');
    const missing = { code: 400, message: 'Missing required fields: template_id, new_template_name, description', data: null };
    expect((await root.send('POST', '/template/manage/clone', {})).body).toEqual(missing);
    expect((await root.send('POST', '/template/manage/clone', { template_id: TEMPLATE.ubuntu, new_template_name: 'x' })).body).toEqual(missing);
    const badName = await root.send('POST', '/template/manage/clone', { template_id: TEMPLATE.ubuntu, new_template_name: 'bad name!', description: 'x' });
    expect(badName.status).toBe(400);
    expect(badName.body.message).toMatch(/^Invalid template name: /);
    const unknown = await root.send('POST', '/template/manage/clone', { template_id: '65a0f00d000000000000ffff', new_template_name: 'x', description: 'x' });
    expect(unknown.body).toEqual({ code: 404, message: 'Source template not found', data: null });
    const anonymous = await root.send('POST', '/template/manage/clone', {}, { authorization: '' });
    expect(anonymous.status).toBe(401);
    const alice = await manager(sim, 'alice@hypersim.local');
    expect((await alice.send('POST', '/template/manage/clone', { template_id: TEMPLATE.ubuntu, new_template_name: 'x', description: 'x' })).status).toBe(403);
  });

  it('a failed conversion destroys the copy on PVE and removes the template', async () => {
    sim = testSimulator({ apis: ['pve-manager'], taskDurationScale: 0 });
    const root = await manager(sim, 'superadmin@hypersim.local');
    await setFaults(sim, [{ api: 'pve', operationId: 'convertToTemplate', task: { fail: 'injected conversion failure' } }]);
    const res = await root.send('POST', '/template/manage/clone', { template_id: TEMPLATE.debian, new_template_name: 'doomed', description: 'x' });
    const task = await root.finish(res.body.data.task_id);
    expect(task).toMatchObject({ status: 'failed', message: 'Template cloned but conversion failed, resources have been cleaned up', error_message: 'injected conversion failure' });
    expect((await root.send('GET', '/template/getAccessable')).body.data.map((t: any) => t._id)).not.toContain(res.body.data.template_id);
    const names = (await pve(sim).request('GET', '/nodes/pve1/qemu')).body.data.map((vm: any) => vm.name);
    expect(names).not.toContain('doomed');
  });

  it('admins see every template, the private one included, and every public Box', async () => {
    sim = testSimulator({ apis: ['pve-manager'], taskDurationScale: 0 });
    const admin = await manager(sim, 'admin@hypersim.local');
    expect((await admin.send('GET', '/template/getAccessable')).body.data.map((t: any) => t._id)).toEqual([TEMPLATE.ubuntu, TEMPLATE.debian, TEMPLATE.internal]);
    expect((await admin.send('GET', '/vmbox/public')).body.data.map((b: any) => b._id)).toEqual([BOX.ubuntu, BOX.debian, BOX.internal]);
  });
});
