import { describe, expect, it } from 'vitest';
import { pveClient, withSimulator } from '../helpers.js';

describe('PVE VM lifecycle', () => {
  it('starts and stops a VM through tasks', () =>
    withSimulator(async (sim) => {
      const pve = await pveClient(sim);
      const start = await pve.request('POST', '/nodes/pve1/qemu/101/status/start');
      expect(start.body.data).toMatch(/:qmstart:101:root@pam:$/);
      expect((await pve.request('GET', '/nodes/pve1/qemu/101/status/current')).body.data.status).toBe('stopped');
      await pve.finish(start.body.data);
      expect((await pve.request('GET', '/nodes/pve1/qemu/101/status/current')).body.data).toMatchObject({ status: 'running', qmpstatus: 'running' });
      const again = await pve.request('POST', '/nodes/pve1/qemu/101/status/start');
      expect(again.statusText).toBe('VM 101 already running');
      await pve.finish((await pve.request('POST', '/nodes/pve1/qemu/101/status/shutdown')).body.data);
      expect((await pve.request('GET', '/nodes/pve1/qemu/101/status/current')).body.data.status).toBe('stopped');
      expect((await pve.request('POST', '/nodes/pve1/qemu/101/status/reboot')).statusText).toBe('VM 101 not running');
    }));

  it('refuses to start a template and to destroy a running VM', () =>
    withSimulator(async (sim) => {
      const pve = await pveClient(sim);
      expect((await pve.request('POST', '/nodes/pve1/qemu/9000/status/start')).statusText).toBe("you can't start a vm if it's a template");
      const del = await pve.request('DELETE', '/nodes/pve1/qemu/100');
      expect([del.status, del.body.message]).toEqual([500, 'VM 100 is running - destroy failed\n']);
    }));

  it('destroys a stopped VM and frees its disk space', () =>
    withSimulator(async (sim) => {
      const pve = await pveClient(sim);
      const used = async () => (await pve.request('GET', '/nodes/pve1/storage')).body.data.find((s: any) => s.storage === 'local-lvm').used;
      const before = await used();
      await pve.finish((await pve.request('DELETE', '/nodes/pve1/qemu/101', { purge: 1 })).body.data);
      expect((await pve.request('GET', '/nodes/pve1/qemu/101/config')).status).toBe(500);
      expect(await used()).toBe(before - 64 * 1024 ** 3);
    }));

  it('refuses to destroy a template that linked clones still use', () =>
    withSimulator(async (sim) => {
      const pve = await pveClient(sim);
      await pve.finish((await pve.request('POST', '/nodes/pve1/qemu/9000/clone', { newid: 400, full: 0 })).body.data);
      const del = await pve.request('DELETE', '/nodes/pve1/qemu/9000');
      expect(del.status).toBe(500);
      expect(del.body.message).toMatch(/still in use by linked clone/);
    }));

  it('updates the config synchronously (PUT) and as a task (POST), honouring the digest', () =>
    withSimulator(async (sim) => {
      const pve = await pveClient(sim);
      const { digest } = (await pve.request('GET', '/nodes/pve1/qemu/101/config')).body.data;
      const put = await pve.request('PUT', '/nodes/pve1/qemu/101/config', { cores: 8, memory: 16384, digest });
      expect(put.body).toEqual({ data: null });
      const stale = await pve.request('PUT', '/nodes/pve1/qemu/101/config', { cores: 2, digest });
      expect(stale.statusText).toBe('detected modified configuration - file changed by other user? Try again.');
      const post = await pve.request('POST', '/nodes/pve1/qemu/101/config', { ciuser: 'ops', cipassword: 'secret', ipconfig0: 'ip=dhcp', delete: 'tags' });
      await pve.finish(post.body.data);
      const config = (await pve.request('GET', '/nodes/pve1/qemu/101/config')).body.data;
      expect(config).toMatchObject({ cores: 8, memory: 16384, ciuser: 'ops', cipassword: '**********', ipconfig0: 'ip=dhcp' });
    }));

  it('grows disks, refuses to shrink them', () =>
    withSimulator(async (sim) => {
      const pve = await pveClient(sim);
      await pve.finish((await pve.request('PUT', '/nodes/pve1/qemu/101/resize', { disk: 'scsi0', size: '+2G' })).body.data);
      expect((await pve.request('GET', '/nodes/pve1/qemu/101/config')).body.data.scsi0).toMatch(/size=66G$/);
      const shrink = await pve.request('PUT', '/nodes/pve1/qemu/101/resize', { disk: 'scsi0', size: '10G' });
      expect(shrink.statusText).toBe('shrinking disks is not supported');
    }));

  it('converts a VM to a template once', () =>
    withSimulator(async (sim) => {
      const pve = await pveClient(sim);
      await pve.finish((await pve.request('POST', '/nodes/pve1/qemu/101/template')).body.data);
      const config = (await pve.request('GET', '/nodes/pve1/qemu/101/config')).body.data;
      expect(config.template).toBe(1);
      expect(config.scsi0).toContain('base-101-disk-0');
      expect((await pve.request('POST', '/nodes/pve1/qemu/101/template')).statusText).toBe("you can't convert a template to a template");
    }));

  it('hands out the lowest free id and checks a requested one', () =>
    withSimulator(async (sim) => {
      const pve = await pveClient(sim);
      const first = await pve.request('GET', '/cluster/nextid');
      expect(first.body).toEqual({ data: '102' });
      expect((await pve.request('GET', '/cluster/nextid')).body.data).toBe('103');
      const taken = await pve.request('GET', '/cluster/nextid', { vmid: 100 });
      expect([taken.status, taken.body]).toEqual([400, { data: null, errors: { vmid: 'VM 100 already exists' } }]);
    }));

  it('lists cluster resources by type', () =>
    withSimulator(async (sim) => {
      const pve = await pveClient(sim);
      const vms = (await pve.request('GET', '/cluster/resources', { type: 'vm' })).body.data;
      expect(vms.map((r: any) => r.id).sort()).toEqual(['qemu/100', 'qemu/101', 'qemu/9000', 'qemu/9001']);
      const nodes = (await pve.request('GET', '/cluster/resources', { type: 'node' })).body.data;
      expect(nodes.map((r: any) => r.node)).toEqual(['pve1', 'pve2', 'pve3']);
    }));
});

describe('PVE storage accounting', () => {
  it('keeps used space exact across clones that fail before, inside and after their task', () =>
    withSimulator(async (sim) => {
      const pve = await pveClient(sim);
      const used = async () => (await pve.request('GET', '/nodes/pve1/storage')).body.data.find((s: any) => s.storage === 'local-lvm').used;
      const start = await used();
      await pve.finish((await pve.request('POST', '/nodes/pve1/qemu/9000/clone', { newid: 800, full: 1, storage: 'local-lvm' })).body.data);
      expect(await used()).toBe(start + 32 * 1024 ** 3);
      expect((await pve.request('POST', '/nodes/pve1/qemu/9000/clone', { newid: 800, full: 1, storage: 'local-lvm' })).status).toBe(500);
      expect(await used()).toBe(start + 32 * 1024 ** 3);
      await pve.finish((await pve.request('DELETE', '/nodes/pve1/qemu/800')).body.data);
      expect(await used()).toBe(start);
      expect((await pve.request('GET', '/cluster/nextid')).body.data).toBe('102');
    }));
});
