import { describe, expect, it } from 'vitest';
import { vsphereModule } from '../../src/apis/vsphere/module.js';
import { standaloneModule } from '../helpers.js';
import { errorOf, withVsphere } from './client.js';

describe('vSphere inventory', () => {
  it('lists the default scenario with vCenter-style ids', () =>
    withVsphere(async (vc) => {
      const get = async (path: string) => (await vc.request('GET', path)).body;
      expect(await get('/api/vcenter/datacenter')).toEqual([{ datacenter: 'datacenter-3', name: 'Datacenter' }]);
      expect(await get('/api/vcenter/datacenter/datacenter-3')).toEqual({ name: 'Datacenter', datastore_folder: 'group-s3', host_folder: 'group-h3', network_folder: 'group-n3', vm_folder: 'group-v3' });
      expect(await get('/api/vcenter/cluster')).toEqual([{ cluster: 'domain-c8', name: 'Cluster-01', ha_enabled: true, drs_enabled: true }]);
      expect((await get('/api/vcenter/host')).map((h: any) => h.host)).toEqual(['host-12', 'host-13', 'host-14']);
      expect(await get('/api/vcenter/resource-pool')).toEqual([{ resource_pool: 'resgroup-9', name: 'Resources' }, { resource_pool: 'resgroup-20', name: 'Dev' }]);
      expect(await get('/api/vcenter/network')).toEqual([{ network: 'network-15', name: 'VM Network', type: 'STANDARD_PORTGROUP' }]);
      expect((await get('/api/vcenter/vm')).map((v: any) => [v.vm, v.name, v.power_state])).toEqual([
        ['vm-1001', 'web-01', 'POWERED_ON'],
        ['vm-1002', 'db-01', 'POWERED_ON'],
        ['vm-1003', 'tmpl-ubuntu-2404', 'POWERED_OFF'],
        ['vm-1004', 'build-01', 'POWERED_OFF'],
      ]);
      const datastores = await get('/api/vcenter/datastore');
      // datastore-21: 2048 GiB - 100 GiB other files - 360 GiB of VM disks; datastore-22 nearly full
      expect(datastores).toEqual([
        { datastore: 'datastore-21', name: 'vsanDatastore', type: 'VSAN', free_space: (2048 - 100 - 360) * 1024 ** 3, capacity: 2048 * 1024 ** 3 },
        { datastore: 'datastore-22', name: 'nfs-archive', type: 'NFS', free_space: 10 * 1024 ** 3, capacity: 200 * 1024 ** 3 },
      ]);
      expect((await get('/api/vcenter/datastore/datastore-22')).accessible).toBe(true);
      expect(errorOf(await vc.request('GET', '/api/vcenter/datastore/datastore-9'))).toMatchObject({ status: 404, type: 'NOT_FOUND' });
      expect(errorOf(await vc.request('GET', '/api/vcenter/datacenter/datacenter-9'))).toMatchObject({ status: 404, type: 'NOT_FOUND' });
    }));

  it('applies every list filter (repeated parameters; all filters must hold; a filter of one empty name matches no VM)', () =>
    withVsphere(async (vc) => {
      const ids = async (path: string, key: string) => (await vc.request('GET', path)).body.map((o: any) => o[key]);
      expect(await ids('/api/vcenter/vm?names=web-01&names=db-01', 'vm')).toEqual(['vm-1001', 'vm-1002']);
      expect(await ids('/api/vcenter/vm?vms=vm-1003&vms=vm-1004&power_states=POWERED_OFF', 'vm')).toEqual(['vm-1003', 'vm-1004']);
      expect(await ids('/api/vcenter/vm?hosts=host-12', 'vm')).toEqual(['vm-1001', 'vm-1003']);
      expect(await ids('/api/vcenter/vm?resource_pools=resgroup-20', 'vm')).toEqual(['vm-1004']);
      expect(await ids('/api/vcenter/vm?folders=group-v31&power_states=POWERED_OFF', 'vm')).toEqual([]);
      expect(await ids('/api/vcenter/vm?clusters=domain-c8&datacenters=datacenter-3', 'vm')).toHaveLength(4);
      expect(await ids('/api/vcenter/vm?names=', 'vm')).toEqual([]);
      expect(await ids('/api/vcenter/folder?type=VIRTUAL_MACHINE', 'folder')).toEqual(['group-v3', 'group-v30', 'group-v31']);
      expect(await ids('/api/vcenter/folder?parent_folders=group-v3', 'folder')).toEqual(['group-v30', 'group-v31']);
      expect(await ids('/api/vcenter/host?clusters=domain-c8&names=esxi-02.lab.local', 'host')).toEqual(['host-13']);
      expect(await ids('/api/vcenter/host?standalone=true', 'host')).toEqual([]);
      expect(await ids('/api/vcenter/resource-pool?parent_resource_pools=resgroup-9', 'resource_pool')).toEqual(['resgroup-20']);
      expect(await ids('/api/vcenter/datastore?types=NFS', 'datastore')).toEqual(['datastore-22']);
      expect(errorOf(await vc.request('GET', '/api/vcenter/vm?power_states=ON'))).toMatchObject({ status: 400, type: 'INVALID_ARGUMENT' });
      expect(errorOf(await vc.request('GET', '/api/vcenter/vm?colour=red'))).toMatchObject({ status: 400, type: 'INVALID_ARGUMENT' });
    }));

  it('refuses to list more than 4,000 matching VMs with 500 UNABLE_TO_ALLOCATE_RESOURCE', () =>
    withVsphere(async (vc) => {
      await vc.loadScenario((s) => {
        for (let i = 0; i < 4001; i++) s.vms.push({ id: `vm-${2000 + i}`, name: `bulk-${i}`, folder: 'group-v3', host: 'host-13' });
      });
      const res = await vc.request('GET', '/api/vcenter/vm');
      expect(errorOf(res)).toEqual({ status: 500, type: 'UNABLE_TO_ALLOCATE_RESOURCE', id: 'com.vmware.api.vcenter.vm.list.limit_exceeded' });
      expect((await vc.request('GET', '/api/vcenter/vm?hosts=host-12')).body).toHaveLength(2);
      // the clone after the scenario's highest id
      expect((await vc.clone({ name: 'next', source: 'vm-1003' })).body).toBe('vm-6001');
    }), 60_000);

  it('serves the inventory to the dashboard as tables with capacity cells', () => {
    {
      const { instance, store } = standaloneModule(vsphereModule);
      const view = instance.inventory!();
      expect(view.tables.map((t) => t.title)).toEqual(['Datacenters', 'Hosts', 'Datastores', 'VMs']);
      const datastores = view.tables[2]!;
      expect(datastores.rows[1]).toEqual(['datastore-22', 'nfs-archive', 'NFS', true, { used: 190 * 1024 ** 3, total: 200 * 1024 ** 3, unit: 'B' }]);
      expect(view.tables[3]!.rows.map((r) => r[0])).toEqual(['vm-1001', 'vm-1002', 'vm-1003', 'vm-1004']);
      store.close();
    }
  });
});
