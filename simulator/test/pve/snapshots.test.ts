import { describe, expect, it } from 'vitest';
import { pveClient, withSimulator } from '../helpers.js';

describe('PVE snapshots', () => {
  it('lists the scenario snapshot and the current pseudo-entry with its parent', () =>
    withSimulator(async (sim) => {
      const pve = await pveClient(sim);
      const list = (await pve.request('GET', '/nodes/pve1/qemu/100/snapshot')).body.data;
      expect(list).toHaveLength(2);
      expect(list[0]).toMatchObject({ name: 'before-upgrade', vmstate: 0, description: 'before the kernel upgrade' });
      expect(list[1]).toMatchObject({ name: 'current', running: 1, description: 'You are here!', parent: 'before-upgrade' });
      expect((await pve.request('GET', '/nodes/pve1/qemu/100/config')).body.data.parent).toBe('before-upgrade');
      const none = (await pve.request('GET', '/nodes/pve1/qemu/101/snapshot')).body.data;
      expect(none).toEqual([{ name: 'current', digest: expect.stringMatching(/^[0-9a-f]{40}$/), running: 0, description: 'You are here!' }]);
    }));

  it('takes a snapshot as a qmsnapshot task, locked while it runs, chained to the previous one', () =>
    withSimulator(async (sim) => {
      const pve = await pveClient(sim);
      const upid = (await pve.request('POST', '/nodes/pve1/qemu/100/snapshot', { snapname: 'pre-deploy', description: 'before the deploy' })).body.data;
      expect(upid).toMatch(/:qmsnapshot:100:root@pam:$/);
      expect((await pve.request('GET', '/nodes/pve1/qemu/100/status/current')).body.data.lock).toBe('snapshot');
      const during = (await pve.request('GET', '/nodes/pve1/qemu/100/snapshot')).body.data.find((s: any) => s.name === 'pre-deploy');
      expect(during.snapstate).toBe('prepare');
      expect((await pve.finish(upid)).exitstatus).toBe('OK');
      const list = (await pve.request('GET', '/nodes/pve1/qemu/100/snapshot')).body.data;
      expect(list.find((s: any) => s.name === 'pre-deploy')).toMatchObject({ parent: 'before-upgrade', description: 'before the deploy' });
      expect(list.at(-1)).toMatchObject({ name: 'current', parent: 'pre-deploy' });
      const config = (await pve.request('GET', '/nodes/pve1/qemu/100/snapshot/pre-deploy/config')).body.data;
      expect(config).toMatchObject({ name: 'web-01', parent: 'before-upgrade', description: 'before the deploy' });
      expect(config).not.toHaveProperty('lock');
      expect((await pve.request('GET', '/nodes/pve1/qemu/100/config', { snapshot: 'pre-deploy' })).body.data.name).toBe('web-01');
    }));

  it('fails the task with PVE texts for a taken name, a template or a locked VM; refuses reserved names at once', () =>
    withSimulator(async (sim) => {
      const pve = await pveClient(sim);
      const taken = await pve.finish((await pve.request('POST', '/nodes/pve1/qemu/100/snapshot', { snapname: 'before-upgrade' })).body.data);
      expect(taken.exitstatus).toBe("snapshot name 'before-upgrade' already used");
      const template = await pve.finish((await pve.request('POST', '/nodes/pve1/qemu/9000/snapshot', { snapname: 'x1' })).body.data);
      expect(template.exitstatus).toBe("you can't take a snapshot if it's a template");
      const first = (await pve.request('POST', '/nodes/pve1/qemu/101/snapshot', { snapname: 'a1' })).body.data;
      const second = await pve.finish((await pve.request('POST', '/nodes/pve1/qemu/101/snapshot', { snapname: 'a2' })).body.data);
      expect(second.exitstatus).toBe('VM is locked (snapshot)');
      await pve.finish(first);
      const reserved = await pve.request('POST', '/nodes/pve1/qemu/100/snapshot', { snapname: 'current' });
      expect(reserved.status).toBe(500);
      expect(reserved.body.message).toBe("unable to use snapshot name 'current' (reserved name)\n");
      expect((await pve.request('GET', '/nodes/pve1/qemu/101/snapshot')).body.data.map((s: any) => s.name)).toEqual(['a1', 'current']);
    }));

  it('rolls back: stops a running VM, restores the configuration and names the snapshot as parent', () =>
    withSimulator(async (sim) => {
      const pve = await pveClient(sim);
      await pve.request('PUT', '/nodes/pve1/qemu/100/config', { cores: 8, description: 'changed' });
      const upid = (await pve.request('POST', '/nodes/pve1/qemu/100/snapshot/before-upgrade/rollback')).body.data;
      expect(upid).toMatch(/:qmrollback:100:root@pam:$/);
      expect((await pve.request('GET', '/nodes/pve1/qemu/100/status/current')).body.data).toMatchObject({ lock: 'rollback', status: 'stopped' });
      expect((await pve.finish(upid)).exitstatus).toBe('OK');
      const config = (await pve.request('GET', '/nodes/pve1/qemu/100/config')).body.data;
      expect(config).toMatchObject({ cores: 2, parent: 'before-upgrade' });
      expect(config).not.toHaveProperty('description');
      expect((await pve.request('GET', '/nodes/pve1/qemu/100/status/current')).body.data.status).toBe('stopped');
      const started = await pve.finish((await pve.request('POST', '/nodes/pve1/qemu/100/snapshot/before-upgrade/rollback', { start: 1 })).body.data);
      expect(started.exitstatus).toBe('OK');
      expect((await pve.request('GET', '/nodes/pve1/qemu/100/status/current')).body.data.status).toBe('running');
      const missing = await pve.finish((await pve.request('POST', '/nodes/pve1/qemu/100/snapshot/nope/rollback')).body.data);
      expect(missing.exitstatus).toBe("snapshot 'nope' does not exist");
    }));

  it('updates the description, deletes a snapshot and re-links the chain', () =>
    withSimulator(async (sim) => {
      const pve = await pveClient(sim);
      await pve.finish((await pve.request('POST', '/nodes/pve1/qemu/100/snapshot', { snapname: 'second' })).body.data);
      expect((await pve.request('PUT', '/nodes/pve1/qemu/100/snapshot/second/config', { description: 'known good' })).body).toEqual({ data: null });
      expect((await pve.request('GET', '/nodes/pve1/qemu/100/snapshot/second/config')).body.data.description).toBe('known good');
      const upid = (await pve.request('DELETE', '/nodes/pve1/qemu/100/snapshot/before-upgrade')).body.data;
      expect(upid).toMatch(/:qmdelsnapshot:100:root@pam:$/);
      expect((await pve.request('GET', '/nodes/pve1/qemu/100/status/current')).body.data.lock).toBe('snapshot-delete');
      await pve.finish(upid);
      const list = (await pve.request('GET', '/nodes/pve1/qemu/100/snapshot')).body.data;
      expect(list.map((s: any) => s.name)).toEqual(['second', 'current']);
      expect(list[0]).not.toHaveProperty('parent');
      const gone = await pve.request('GET', '/nodes/pve1/qemu/100/snapshot/before-upgrade/config');
      expect(gone.body.message).toBe("snapshot 'before-upgrade' does not exist\n");
      expect((await pve.request('GET', '/nodes/pve1/qemu/100/snapshot/before-upgrade')).body.data).toEqual([{ cmd: 'rollback' }, { cmd: 'config' }]);
      const again = await pve.finish((await pve.request('DELETE', '/nodes/pve1/qemu/100/snapshot/before-upgrade')).body.data);
      expect(again.exitstatus).toBe("snapshot 'before-upgrade' does not exist");
    }));

  it('clones from a snapshot: linked on thin storage, and refuses a template conversion while snapshots exist', () =>
    withSimulator(async (sim) => {
      const pve = await pveClient(sim);
      await pve.request('PUT', '/nodes/pve1/qemu/100/config', { cores: 6 });
      await pve.finish((await pve.request('POST', '/nodes/pve1/qemu/100/clone', { newid: 300, snapname: 'before-upgrade', full: 0, name: 'from-snap' })).body.data);
      const config = (await pve.request('GET', '/nodes/pve1/qemu/300/config')).body.data;
      expect(config).toMatchObject({ name: 'from-snap', cores: 2 });
      expect(config).not.toHaveProperty('parent');
      expect(config.scsi0).toMatch(/^local-lvm:vm-300-disk-0,/);
      await pve.finish((await pve.request('POST', '/nodes/pve1/qemu/100/status/stop')).body.data);
      const template = await pve.request('POST', '/nodes/pve1/qemu/100/template');
      expect(template.body.message).toBe('unable to create template, because VM contains snapshots\n');
    }));

  it('needs VM.Snapshot to take one (403 naming it) but lets an auditor list them', () =>
    withSimulator(async (sim) => {
      const pve = await pveClient(sim);
      await pve.login('alice@pve', 'hypersim');
      expect((await pve.request('GET', '/nodes/pve1/qemu/100/snapshot')).status).toBe(200);
      const res = await pve.request('POST', '/nodes/pve1/qemu/100/snapshot', { snapname: 'x1' });
      expect(res.status).toBe(403);
      expect(res.statusText).toBe('Permission check failed (/vms/100, VM.Snapshot)');
    }));
});
