import { describe, expect, it } from 'vitest';
import { control, pveClient, withSimulator } from '../helpers.js';

describe('PVE clone', () => {
  it('creates the new VM at once, locked, and unlocks it when the task ends', () =>
    withSimulator(async (sim) => {
      const pve = await pveClient(sim);
      const res = await pve.request('POST', '/nodes/pve1/qemu/9000/clone', { newid: 120, name: 'web-02' });
      expect(res.status).toBe(200);
      const upid: string = res.body.data;
      expect(upid).toMatch(/^UPID:pve1:[0-9A-F]{8}:[0-9A-F]{8}:[0-9A-F]{8}:qmclone:9000:root@pam:$/);
      expect(upid.split(':')).toHaveLength(9);

      const during = await pve.request('GET', '/nodes/pve1/qemu/120/status/current');
      expect(during.body.data).toMatchObject({ vmid: 120, name: 'web-02', lock: 'clone', status: 'stopped' });
      const running = await pve.taskStatus(upid);
      expect(running.status).toBe('running');
      expect(running).not.toHaveProperty('exitstatus');

      const done = await pve.finish(upid);
      expect(done).toMatchObject({ status: 'stopped', exitstatus: 'OK', type: 'qmclone', id: '9000' });
      const after = await pve.request('GET', '/nodes/pve1/qemu/120/status/current');
      expect(after.body.data).not.toHaveProperty('lock');
      const log = await pve.request('GET', `/nodes/pve1/tasks/${encodeURIComponent(upid)}/log`);
      expect(log.body.data.at(-1)).toEqual({ n: log.body.data.length, t: 'TASK OK' });
    }));

  it('defaults the name to Copy-of-VM-<source> and a template clone to a linked clone', () =>
    withSimulator(async (sim) => {
      const pve = await pveClient(sim);
      const upid = (await pve.request('POST', '/nodes/pve1/qemu/9000/clone', { newid: 121 })).body.data;
      await pve.finish(upid);
      const config = (await pve.request('GET', '/nodes/pve1/qemu/121/config')).body.data;
      expect(config.name).toBe('Copy-of-VM-ubuntu-2404-tmpl');
      expect(config.scsi0).toContain('base-9000-disk-0');
      expect(config).not.toHaveProperty('template');
    }));

  it('gives every network device of the clone a new MAC address, keeping its model and bridge', () =>
    withSimulator(async (sim) => {
      const pve = await pveClient(sim);
      const source = (await pve.request('GET', '/nodes/pve1/qemu/100/config')).body.data;
      expect(source.net0).toMatch(/^virtio=BC:24:11:[0-9A-F]{2}:[0-9A-F]{2}:[0-9A-F]{2},bridge=vmbr0$/);
      await pve.finish((await pve.request('POST', '/nodes/pve1/qemu/100/clone', { newid: 125 })).body.data);
      const clone = (await pve.request('GET', '/nodes/pve1/qemu/125/config')).body.data;
      expect(clone.net0).toMatch(/^virtio=BC:24:11:[0-9A-F]{2}:[0-9A-F]{2}:[0-9A-F]{2},bridge=vmbr0$/);
      expect(clone.net0).not.toBe(source.net0);
    }));

  it('checks the lock before the linked-clone parameters, as PVE does', () =>
    withSimulator(async (sim) => {
      const pve = await pveClient(sim);
      const upid = (await pve.request('POST', '/nodes/pve1/qemu/101/clone', { newid: 126 })).body.data;
      const res = await pve.request('POST', '/nodes/pve1/qemu/101/clone', { newid: 127, full: 0, format: 'raw' });
      expect(res.statusText).toBe('VM is locked (clone)');
      await pve.finish(upid);
      const after = await pve.request('POST', '/nodes/pve1/qemu/101/clone', { newid: 127, full: 0, format: 'raw' });
      expect(after.statusText).toBe("parameter 'format' not allowed for linked clones");
    }));

  it('consumes disk space on the target storage with a full clone, per node for local storage', () =>
    withSimulator(async (sim) => {
      const pve = await pveClient(sim);
      const usedOn = async (node: string, id: string) => (await pve.request('GET', `/nodes/${node}/storage`)).body.data.find((s: any) => s.storage === id).used;
      const [pve1, pve2, nfs] = [await usedOn('pve1', 'local-lvm'), await usedOn('pve2', 'local-lvm'), await usedOn('pve2', 'NFS')];
      await pve.finish((await pve.request('POST', '/nodes/pve1/qemu/9000/clone', { newid: 130, full: 1, storage: 'local-lvm' })).body.data);
      expect(await usedOn('pve1', 'local-lvm')).toBe(pve1 + 32 * 1024 ** 3);
      expect(await usedOn('pve2', 'local-lvm')).toBe(pve2);
      // another node needs shared storage; the new VM lives there
      await pve.finish((await pve.request('POST', '/nodes/pve1/qemu/9000/clone', { newid: 131, full: 1, storage: 'NFS', target: 'pve2' })).body.data);
      expect(await usedOn('pve2', 'NFS')).toBe(nfs + 32 * 1024 ** 3);
      expect((await pve.request('GET', '/nodes/pve2/qemu')).body.data.map((v: any) => v.vmid)).toEqual([131]);
      const refused = await pve.request('POST', '/nodes/pve1/qemu/9000/clone', { newid: 132, full: 1, storage: 'local-lvm', target: 'pve2' });
      expect(refused.statusText).toBe("can't clone to non-shared storage 'local-lvm'");
    }));

  it('fails inside the task when the storage is full, and leaves no VM behind', () =>
    withSimulator(async (sim) => {
      const pve = await pveClient(sim);
      // 500 GiB local-lvm on pve1 already holds 96 GiB; 13 full clones of 32 GiB cannot all fit
      const results: any[] = [];
      for (let i = 0; i < 13; i++) {
        const upid = (await pve.request('POST', '/nodes/pve1/qemu/9000/clone', { newid: 200 + i, full: 1, storage: 'local-lvm' })).body.data;
        results.push({ vmid: 200 + i, upid });
      }
      const statuses = [];
      for (const r of results) statuses.push({ ...r, status: await pve.finish(r.upid) });
      const failed = statuses.filter((s) => s.status.exitstatus !== 'OK');
      expect(failed.length).toBeGreaterThan(0);
      expect(failed[0]!.status.exitstatus).toMatch(/^clone failed: not enough space on storage 'local-lvm'/);
      for (const f of failed) expect((await pve.request('GET', `/nodes/pve1/qemu/${f.vmid}/config`)).status).toBe(500);
      const storage = (await pve.request('GET', '/nodes/pve1/storage')).body.data.find((s: any) => s.storage === 'local-lvm');
      expect(storage.used).toBeLessThanOrEqual(storage.total);
      const log = await pve.request('GET', `/nodes/pve1/tasks/${encodeURIComponent(failed[0]!.upid)}/log`);
      expect(log.body.data.at(-1).t).toMatch(/^TASK ERROR: clone failed: /);
    }));

  it.each([
    [{ newid: 140, full: 0 }, 100, "Linked clone feature is not supported for 'local-lvm:vm-100-disk-0' (scsi0)"],
    [{ newid: 140, full: 0, storage: 'NFS' }, 9000, "parameter 'storage' not allowed for linked clones"],
    [{ newid: 140, target: 'pve2' }, 100, "can't clone VM to node 'pve2' (VM uses local storage)"],
    [{ newid: 140, target: 'pve2', storage: 'NFS' }, 100, "can't clone VM to node 'pve2' (VM uses local storage)"],
    [{ newid: 140, pool: 'nope' }, 9000, "Permission check failed (pool 'nope' does not exist)"],
    [{ newid: 140, snapname: 'nope' }, 9000, "snapshot 'nope' does not exist"],
    [{ newid: 101 }, 9000, 'unable to create VM 101: config file already exists'],
    [{ newid: 140 }, 555, "Configuration file 'nodes/pve1/qemu-server/555.conf' does not exist"],
    [{ newid: 140, full: 1, storage: 'nope' }, 9000, "storage 'nope' does not exist"],
    [{ newid: 140, target: 'pve9' }, 9000, "no such cluster node 'pve9'"],
  ])('refuses %j of %i before starting a task: %s', (params, source, message) =>
    withSimulator(async (sim) => {
      const pve = await pveClient(sim);
      const res = await pve.request('POST', `/nodes/pve1/qemu/${source}/clone`, params);
      expect(res.status).toBe(message.startsWith('Permission') ? 403 : 500);
      expect(res.statusText).toBe(message);
      expect(res.body).toEqual({ data: null, message: `${message}\n` });
      const tasks = await control(sim, 'GET', '/tasks');
      expect(tasks).toHaveLength(0);
    }));

  it('refuses to clone a locked VM and to change a VM while it is being cloned', () =>
    withSimulator(async (sim) => {
      const pve = await pveClient(sim);
      const upid = (await pve.request('POST', '/nodes/pve1/qemu/9000/clone', { newid: 150 })).body.data;
      const clone = await pve.request('POST', '/nodes/pve1/qemu/150/clone', { newid: 151 });
      expect(clone.statusText).toBe('VM is locked (clone)');
      const config = await pve.request('PUT', '/nodes/pve1/qemu/150/config', { cores: 4 });
      expect(config.status).toBe(500);
      expect(config.body.message).toBe('VM is locked (clone)\n');
      await pve.finish(upid);
      expect((await pve.request('PUT', '/nodes/pve1/qemu/150/config', { cores: 4 })).status).toBe(200);
    }));

  it('locks a non-template source during a full clone', () =>
    withSimulator(async (sim) => {
      const pve = await pveClient(sim);
      const upid = (await pve.request('POST', '/nodes/pve1/qemu/101/clone', { newid: 160 })).body.data;
      expect((await pve.request('GET', '/nodes/pve1/qemu/101/status/current')).body.data.lock).toBe('clone');
      await pve.finish(upid);
      expect((await pve.request('GET', '/nodes/pve1/qemu/101/status/current')).body.data).not.toHaveProperty('lock');
    }));

  it('takes a task fault from the rules: the clone fails with the given message and is removed', () =>
    withSimulator(async (sim) => {
      await control(sim, 'PUT', '/faults', { rules: [{ api: 'pve', operationId: 'cloneVm', task: { fail: 'clone failed: injected' } }] });
      const pve = await pveClient(sim);
      const upid = (await pve.request('POST', '/nodes/pve1/qemu/9000/clone', { newid: 170 })).body.data;
      expect((await pve.request('GET', '/nodes/pve1/qemu/170/config')).status).toBe(200);
      const status = await pve.finish(upid);
      expect(status.exitstatus).toBe('clone failed: injected');
      expect((await pve.request('GET', '/nodes/pve1/qemu/170/config')).status).toBe(500);
    }));

  it('hands out distinct vmids to 200 concurrent nextid + clone flows, all of which finish', () =>
    withSimulator(
      async (sim) => {
        const pve = await pveClient(sim);
        const flows = Array.from({ length: 200 }, async () => {
          const id = Number((await pve.request('GET', '/cluster/nextid')).body.data);
          const res = await pve.request('POST', '/nodes/pve1/qemu/9001/clone', { newid: id });
          expect(res.status).toBe(200);
          let status;
          do status = await pve.taskStatus(res.body.data);
          while (status.status !== 'stopped');
          return { id, exit: status.exitstatus };
        });
        const results = await Promise.all(flows);
        expect(new Set(results.map((r) => r.id)).size).toBe(200);
        expect(results.every((r) => r.exit === 'OK')).toBe(true);
        const tasks = await control(sim, 'GET', '/tasks?state=succeeded');
        expect(tasks).toHaveLength(200);
      },
      { taskDurationScale: 0 },
    ));
});
