import { describe, expect, it } from 'vitest';
import { pveClient, withSimulator } from '../helpers.js';

describe('PVE cluster views', () => {
  it('answers the directory indexes a client walks', () =>
    withSimulator(async (sim) => {
      const pve = await pveClient(sim);
      const root = (await pve.request('GET', '')).body.data;
      expect(root).toEqual([{ subdir: 'version' }, { subdir: 'cluster' }, { subdir: 'nodes' }, { subdir: 'storage' }, { subdir: 'access' }, { subdir: 'pools' }]);
      expect((await pve.request('GET', '/')).body.data).toEqual(root);
      expect((await pve.request('GET', '/cluster')).body.data).toContainEqual({ name: 'resources' });
      expect((await pve.request('GET', '/access')).body.data).toContainEqual({ subdir: 'ticket' });
      expect((await pve.request('GET', '/nodes/pve1')).body.data).toContainEqual({ name: 'qemu' });
      expect((await pve.request('GET', '/nodes/pve9')).body.message).toBe("no such cluster node 'pve9'\n");
      expect((await pve.request('GET', '/nodes/pve1/qemu/100')).body.data).toContainEqual({ subdir: 'snapshot' });
      expect((await pve.request('GET', '/nodes/pve1/qemu/100/status')).body.data[0]).toEqual({ subdir: 'current' });
      expect((await pve.request('GET', '/nodes/pve1/qemu/555/status')).status).toBe(500);
      const noAuth = await pve.raw(new Request('https://pve.test:8006/api2/json/'));
      expect(noAuth.status).toBe(401);
    }));

  it('lists storage definitions, one storage, and refuses an unknown one', () =>
    withSimulator(async (sim) => {
      const pve = await pveClient(sim);
      const all = (await pve.request('GET', '/storage')).body.data;
      expect(all.map((s: any) => s.storage)).toEqual(['NFS', 'local-lvm']);
      expect(all.find((s: any) => s.storage === 'local-lvm')).toMatchObject({ type: 'lvmthin', thinpool: 'data', vgname: 'pve', content: 'images,rootdir' });
      expect((await pve.request('GET', '/storage', { type: 'nfs' })).body.data.map((s: any) => s.storage)).toEqual(['NFS']);
      expect((await pve.request('GET', '/storage/NFS')).body.data).toMatchObject({ storage: 'NFS', type: 'nfs', path: '/mnt/pve/NFS' });
      const missing = await pve.request('GET', '/storage/nope');
      expect(missing.status).toBe(500);
      expect(missing.statusText).toBe("storage 'nope' does not exist");
    }));

  it('shows pools with their members, in /pools and /cluster/resources', () =>
    withSimulator(async (sim) => {
      const pve = await pveClient(sim);
      expect((await pve.request('GET', '/pools')).body.data).toEqual([{ poolid: 'dev', comment: 'Development VMs' }]);
      await pve.finish((await pve.request('POST', '/nodes/pve1/qemu/9000/clone', { newid: 400, pool: 'dev' })).body.data);
      const pool = (await pve.request('GET', '/pools/dev')).body.data;
      expect(pool).toMatchObject({ poolid: 'dev', comment: 'Development VMs' });
      expect(pool.members).toEqual([expect.objectContaining({ id: 'qemu/400', vmid: 400, node: 'pve1', type: 'qemu', name: 'Copy-of-VM-ubuntu-2404-tmpl' })]);
      expect((await pve.request('GET', '/pools', { poolid: 'dev' })).body.data[0].members).toHaveLength(1);
      expect((await pve.request('GET', '/pools/nope')).body.message).toBe("pool 'nope' does not exist\n");
      const resources = (await pve.request('GET', '/cluster/resources')).body.data;
      expect(resources[0]).toEqual({ id: '/pool/dev', type: 'pool', pool: 'dev' });
      expect(resources.find((r: any) => r.id === 'qemu/400').pool).toBe('dev');
      const storages = (await pve.request('GET', '/cluster/resources', { type: 'storage' })).body.data;
      expect(storages.map((r: any) => r.id)).toContain('storage/pve2/local-lvm');
      const nodes = (await pve.request('GET', '/cluster/resources', { type: 'node' })).body.data;
      expect(nodes.map((r: any) => r.node)).toEqual(['pve1', 'pve2', 'pve3']);
      expect((await pve.request('GET', '/cluster/resources', { type: 'pool' })).status).toBe(400);
    }));

  it('shows cluster status, the node network with vmbr0, users and realms', () =>
    withSimulator(async (sim) => {
      const pve = await pveClient(sim);
      const status = (await pve.request('GET', '/cluster/status')).body.data;
      expect(status[0]).toMatchObject({ type: 'cluster', nodes: 3, quorate: 1 });
      expect(status[1]).toMatchObject({ type: 'node', name: 'pve1', ip: '10.0.0.11', local: 1, online: 1 });
      const network = (await pve.request('GET', '/nodes/pve2/network')).body.data;
      expect(network.find((i: any) => i.iface === 'vmbr0')).toMatchObject({ type: 'bridge', bridge_ports: 'eno1', address: '10.0.0.12', gateway: '10.0.0.1' });
      expect((await pve.request('GET', '/nodes/pve2/network', { type: 'any_bridge' })).body.data.map((i: any) => i.iface)).toEqual(['vmbr0']);
      const users = (await pve.request('GET', '/access/users', { full: 1 })).body.data;
      expect(users.map((u: any) => u.userid)).toEqual(['alice@pve', 'root@pam']);
      expect(users.find((u: any) => u.userid === 'root@pam').tokens).toEqual([{ tokenid: 'ci', expire: 0, privsep: 0 }]);
      const domains = await pve.raw(new Request('https://pve.test:8006/api2/json/access/domains'));
      expect(domains.body.data.map((d: any) => d.realm)).toEqual(['pam', 'pve']);
    }));
});
