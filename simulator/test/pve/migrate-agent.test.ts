import { describe, expect, it } from 'vitest';
import { pveClient, withSimulator } from '../helpers.js';

describe('PVE migrate', () => {
  it('migrates a stopped VM offline: locked while it runs, on the target node afterwards with its local disk', () =>
    withSimulator(async (sim) => {
      const pve = await pveClient(sim);
      const pre = (await pve.request('GET', '/nodes/pve1/qemu/101/migrate')).body.data;
      expect(pre).toMatchObject({ running: 0, allowed_nodes: ['pve2', 'pve3'], not_allowed_nodes: {} });
      expect(pre.local_disks).toEqual([expect.objectContaining({ volid: 'local-lvm:vm-101-disk-0', drivename: 'scsi0' })]);
      const upid = (await pve.request('POST', '/nodes/pve1/qemu/101/migrate', { target: 'pve2' })).body.data;
      expect(upid).toMatch(/^UPID:pve1:.*:qmigrate:101:root@pam:$/);
      expect((await pve.request('GET', '/nodes/pve1/qemu/101/status/current')).body.data.lock).toBe('migrate');
      expect((await pve.finish(upid)).exitstatus).toBe('OK');
      expect((await pve.request('GET', '/nodes/pve1/qemu/101/config')).status).toBe(500);
      expect((await pve.request('GET', '/nodes/pve2/qemu/101/config')).body.data.name).toBe('db-01');
      const content = (await pve.request('GET', '/nodes/pve2/storage/local-lvm/content', { vmid: 101 })).body.data;
      expect(content.map((v: any) => v.volid)).toEqual(['local-lvm:vm-101-disk-0']);
      const log = (await pve.request('GET', `/nodes/pve1/tasks/${encodeURIComponent(upid)}/log`)).body.data.map((l: any) => l.t);
      expect(log).toContain("starting migration of VM 101 to node 'pve2' (10.0.0.12)");
    }));

  it('needs online=1 for a running VM, and with-local-disks for its local disks', () =>
    withSimulator(async (sim) => {
      const pve = await pveClient(sim);
      const offline = await pve.request('POST', '/nodes/pve1/qemu/100/migrate', { target: 'pve2' });
      expect(offline.status).toBe(500);
      expect(offline.statusText).toBe("can't migrate running VM without --online");
      const noDisks = await pve.finish((await pve.request('POST', '/nodes/pve1/qemu/100/migrate', { target: 'pve2', online: 1 })).body.data);
      expect(noDisks.exitstatus).toBe('migration aborted');
      const log = (await pve.request('GET', `/nodes/pve1/tasks/${encodeURIComponent(noDisks.upid)}/log`)).body.data.map((l: any) => l.t);
      expect(log).toContain("can't migrate local disk 'local-lvm:vm-100-disk-0': can't live migrate attached local disks without with-local-disks option");
      expect((await pve.request('GET', '/nodes/pve1/qemu/100/status/current')).body.data).not.toHaveProperty('lock');
      const ok = await pve.finish((await pve.request('POST', '/nodes/pve1/qemu/100/migrate', { target: 'pve3', online: 1, 'with-local-disks': 1 })).body.data);
      expect(ok.exitstatus).toBe('OK');
      expect((await pve.request('GET', '/nodes/pve3/qemu/100/status/current')).body.data.status).toBe('running');
    }));

  it.each([
    [{ target: 'pve1' }, 400, { target: 'target is local node.' }],
    [{ target: 'pve9' }, 500, "no such cluster node 'pve9'"],
  ])('refuses %j', (params, status, error) =>
    withSimulator(async (sim) => {
      const pve = await pveClient(sim);
      const res = await pve.request('POST', '/nodes/pve1/qemu/101/migrate', params);
      expect(res.status).toBe(status);
      if (typeof error === 'string') expect(res.body.message).toBe(`${error}\n`);
      else expect(res.body.errors).toEqual(error);
    }));

  it('lets only root force a migration', () =>
    withSimulator(async (sim) => {
      const pve = await pveClient(sim);
      pve.useToken();
      const res = await pve.request('POST', '/nodes/pve1/qemu/101/migrate', { target: 'pve2', force: 1 });
      expect(res.body.errors).toEqual({ force: 'Only root may use this option.' });
    }));
});

describe('PVE guest agent', () => {
  it('answers ping and the interfaces of web-01 with a deterministic address', () =>
    withSimulator(async (sim) => {
      const pve = await pveClient(sim);
      expect((await pve.request('POST', '/nodes/pve1/qemu/100/agent/ping')).body).toEqual({ data: { result: {} } });
      const result = (await pve.request('GET', '/nodes/pve1/qemu/100/agent/network-get-interfaces')).body.data.result;
      expect(result.map((i: any) => i.name)).toEqual(['lo', 'eth0']);
      const mac = (await pve.request('GET', '/nodes/pve1/qemu/100/config')).body.data.net0.split(',')[0].split('=')[1].toLowerCase();
      expect(result[1]['hardware-address']).toBe(mac);
      expect(result[1]['ip-addresses'][0]).toEqual({ 'ip-address-type': 'ipv4', 'ip-address': '10.10.0.101', prefix: 16 });
      expect(result[1]['ip-addresses'][1]['ip-address']).toMatch(/^fe80::/);
    }));

  it('reports the static cloud-init address when ipconfig0 has one', () =>
    withSimulator(async (sim) => {
      const pve = await pveClient(sim);
      await pve.request('PUT', '/nodes/pve1/qemu/100/config', { ipconfig0: 'ip=192.168.7.20/24,gw=192.168.7.1' });
      const result = (await pve.request('GET', '/nodes/pve1/qemu/100/agent/network-get-interfaces')).body.data.result;
      expect(result[1]['ip-addresses'][0]).toMatchObject({ 'ip-address': '192.168.7.20', prefix: 24 });
    }));

  it('gives the real error texts when the agent is not configured, the VM is stopped, or the agent is off', () =>
    withSimulator(async (sim) => {
      const pve = await pveClient(sim);
      const none = await pve.request('GET', '/nodes/pve1/qemu/101/agent/network-get-interfaces');
      expect(none.status).toBe(500);
      expect(none.statusText).toBe('No QEMU guest agent configured');
      await pve.finish((await pve.request('POST', '/nodes/pve1/qemu/100/status/stop')).body.data);
      expect((await pve.request('POST', '/nodes/pve1/qemu/100/agent/ping')).statusText).toBe('VM 100 is not running');
      await pve.finish((await pve.request('POST', '/nodes/pve1/qemu/100/status/start')).body.data);
      await pve.request('PUT', '/nodes/pve1/qemu/100/config', { agent: '0' });
      expect((await pve.request('POST', '/nodes/pve1/qemu/100/agent/ping')).statusText).toBe('QEMU guest agent is not running');
      await pve.login('alice@pve', 'hypersim');
      const denied = await pve.request('GET', '/nodes/pve1/qemu/100/agent/network-get-interfaces');
      expect(denied.statusText).toBe('Permission check failed (/vms/100, VM.GuestAgent.Audit|VM.GuestAgent.Unrestricted)');
    }));
});
