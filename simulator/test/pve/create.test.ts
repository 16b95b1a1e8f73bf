import { describe, expect, it } from 'vitest';
import { control, pveClient, withSimulator } from '../helpers.js';

const GiB = 1024 ** 3;

describe('PVE create VM', () => {
  it('creates a VM from scratch: locked at once, configured when the qmcreate task ends', () =>
    withSimulator(async (sim) => {
      const pve = await pveClient(sim);
      const usedBefore = (await pve.request('GET', '/nodes/pve1/storage')).body.data.find((s: any) => s.storage === 'local-lvm').used;
      const res = await pve.request('POST', '/nodes/pve1/qemu', {
        vmid: 200, name: 'app-01', cores: 2, memory: 2048, ostype: 'l26', scsihw: 'virtio-scsi-single',
        scsi0: 'local-lvm:16,iothread=1', ide2: 'local-lvm:cloudinit', net0: 'virtio,bridge=vmbr0', agent: '1',
        ciuser: 'debian', ipconfig0: 'ip=dhcp', tags: 'web',
      });
      expect(res.status).toBe(200);
      expect(res.body.data).toMatch(/^UPID:pve1:[0-9A-F]{8}:[0-9A-F]{8}:[0-9A-F]{8}:qmcreate:200:root@pam:$/);
      const during = (await pve.request('GET', '/nodes/pve1/qemu/200/config')).body.data;
      expect(during.lock).toBe('create');
      expect(during).not.toHaveProperty('scsi0');
      expect((await pve.finish(res.body.data)).exitstatus).toBe('OK');

      const config = (await pve.request('GET', '/nodes/pve1/qemu/200/config')).body.data;
      expect(config).toMatchObject({ name: 'app-01', cores: 2, memory: 2048, ostype: 'l26', agent: '1', ciuser: 'debian', ipconfig0: 'ip=dhcp' });
      expect(config).not.toHaveProperty('lock');
      expect(config.scsi0).toBe('local-lvm:vm-200-disk-0,iothread=1,size=16G');
      expect(config.ide2).toBe('local-lvm:vm-200-cloudinit,media=cdrom');
      expect(config.net0).toMatch(/^virtio=BC:24:11:[0-9A-F]{2}:[0-9A-F]{2}:[0-9A-F]{2},bridge=vmbr0$/);
      expect(config.boot).toBe('order=scsi0;ide2;net0');
      expect(config.smbios1).toMatch(/^uuid=[0-9a-f-]{36}$/);
      const usedAfter = (await pve.request('GET', '/nodes/pve1/storage')).body.data.find((s: any) => s.storage === 'local-lvm').used;
      expect(usedAfter - usedBefore).toBe(16 * GiB + 4 * 1024 * 1024);
      const log = (await pve.request('GET', `/nodes/pve1/tasks/${encodeURIComponent(res.body.data)}/log`)).body.data;
      expect(log.map((l: any) => l.t)).toContain("scsi0: successfully created disk 'local-lvm:vm-200-disk-0,iothread=1,size=16G'");
    }));

  it('joins the pool and starts the VM when asked', () =>
    withSimulator(async (sim) => {
      const pve = await pveClient(sim);
      const upid = (await pve.request('POST', '/nodes/pve2/qemu', { vmid: 201, pool: 'dev', start: 1, scsi0: 'NFS:8', net0: 'virtio=BC:24:11:AA:BB:CC,bridge=vmbr0' })).body.data;
      await pve.finish(upid, 'pve2');
      const status = (await pve.request('GET', '/nodes/pve2/qemu/201/status/current')).body.data;
      expect(status.status).toBe('running');
      const config = (await pve.request('GET', '/nodes/pve2/qemu/201/config')).body.data;
      expect(config.net0).toBe('virtio=BC:24:11:AA:BB:CC,bridge=vmbr0');
      expect(config.scsi0).toBe('NFS:201/vm-201-disk-0.qcow2,size=8G');
      const pool = (await pve.request('GET', '/pools/dev')).body.data;
      expect(pool.members.map((m: any) => m.vmid)).toContain(201);
    }));

  it.each([
    [{ vmid: 100 }, 500, "unable to create VM 100 - VM 100 already exists on node 'pve1'"],
    [{ vmid: 202, scsi0: 'nope:8' }, 500, "storage 'nope' does not exist"],
    [{ vmid: 202, scsi0: '8' }, 500, 'no storage ID specified (and no default storage)'],
    [{ vmid: 202, pool: 'nope' }, 403, "Permission check failed (pool 'nope' does not exist)"],
  ])('refuses %j before starting a task: %s', (params, status, message) =>
    withSimulator(async (sim) => {
      const pve = await pveClient(sim);
      const res = await pve.request('POST', '/nodes/pve1/qemu', params);
      expect(res.status).toBe(status);
      expect(res.body).toEqual({ data: null, message: `${message}\n` });
      expect(await control(sim, 'GET', '/tasks')).toHaveLength(0);
    }));

  it('answers parameter errors in PVE shape (ISO without media=cdrom, unknown keys, bad vmid)', () =>
    withSimulator(async (sim) => {
      const pve = await pveClient(sim);
      const iso = await pve.request('POST', '/nodes/pve1/qemu', { vmid: 203, ide2: 'NFS:iso/debian-12.iso' });
      expect(iso.status).toBe(400);
      expect(iso.body.errors).toEqual({ ide2: "explicit 'media=cdrom' is required for iso images" });
      const ok = await pve.request('POST', '/nodes/pve1/qemu', { vmid: 203, ide2: 'NFS:iso/debian-12.iso,media=cdrom' });
      expect(ok.status).toBe(200);
      const extra = await pve.request('POST', '/nodes/pve1/qemu', { vmid: 204, colour: 'red' });
      expect(extra.body.errors).toEqual({ colour: 'property is not defined in schema and the schema does not allow additional properties' });
      const missing = await pve.request('POST', '/nodes/pve1/qemu', { name: 'x' });
      expect(missing.body.errors).toEqual({ vmid: 'property is missing and it is not optional' });
    }));

  it('fails the task when the disk does not fit, leaving no VM and no volume', () =>
    withSimulator(async (sim) => {
      const pve = await pveClient(sim);
      const upid = (await pve.request('POST', '/nodes/pve1/qemu', { vmid: 205, scsi0: 'local-lvm:2000' })).body.data;
      const status = await pve.finish(upid);
      expect(status.exitstatus).toMatch(/^unable to create VM 205 - not enough space on storage 'local-lvm'/);
      expect((await pve.request('GET', '/nodes/pve1/qemu/205/config')).status).toBe(500);
    }));

  it('fails the start task for a bridge that does not exist', () =>
    withSimulator(async (sim) => {
      const pve = await pveClient(sim);
      await pve.finish((await pve.request('POST', '/nodes/pve1/qemu', { vmid: 206, net0: 'virtio,bridge=vmbr9' })).body.data);
      const start = await pve.finish((await pve.request('POST', '/nodes/pve1/qemu/206/status/start')).body.data);
      expect(start.exitstatus).toBe("bridge 'vmbr9' does not exist");
      expect((await pve.request('GET', '/nodes/pve1/qemu/206/status/current')).body.data.status).toBe('stopped');
    }));
});

describe('PVE destroy VM', () => {
  it('keeps unreferenced disks unless destroy-unreferenced-disks, and drops snapshots and pool membership', () =>
    withSimulator(async (sim) => {
      const pve = await pveClient(sim);
      await pve.finish((await pve.request('POST', '/nodes/pve1/qemu', { vmid: 210, pool: 'dev', scsi0: 'local-lvm:4', scsi1: 'local-lvm:4' })).body.data);
      await pve.request('PUT', '/nodes/pve1/qemu/210/config', { delete: 'scsi1' });
      const volumes = async () => (await pve.request('GET', '/nodes/pve1/storage/local-lvm/content', { vmid: 210 })).body.data.map((v: any) => v.volid);
      expect(await volumes()).toEqual(['local-lvm:vm-210-disk-0', 'local-lvm:vm-210-disk-1']);
      await pve.finish((await pve.request('DELETE', '/nodes/pve1/qemu/210', { purge: 1 })).body.data);
      expect(await volumes()).toEqual(['local-lvm:vm-210-disk-1']);
      expect((await pve.request('GET', '/pools/dev')).body.data.members.map((m: any) => m.vmid ?? m.id)).not.toContain(210);

      await pve.finish((await pve.request('POST', '/nodes/pve1/qemu', { vmid: 210, scsi0: 'local-lvm:4' })).body.data);
      // the leftover disk keeps its name; the new VM's disk gets the next free one
      expect((await pve.request('GET', '/nodes/pve1/qemu/210/config')).body.data.scsi0).toBe('local-lvm:vm-210-disk-0,size=4G');
      await pve.finish((await pve.request('DELETE', '/nodes/pve1/qemu/210', { 'destroy-unreferenced-disks': 1 })).body.data);
      expect(await volumes()).toEqual([]);
    }));

  it('lets only root use skiplock', () =>
    withSimulator(async (sim) => {
      const pve = await pveClient(sim);
      pve.useToken();
      const token = await pve.request('DELETE', '/nodes/pve1/qemu/101', { skiplock: 1 });
      expect(token.status).toBe(400);
      expect(token.body.errors).toEqual({ skiplock: 'Only root may use this option.' });
    }));
});
