import { describe, expect, it } from 'vitest';
import { errorOf, withVsphere } from './client.js';

const GiB = 1024 ** 3;
const SOURCE = 'vm-1003'; // tmpl-ubuntu-2404: one 20 GiB disk "2000" on datastore-21, in folder group-v30, on host-12

async function freeSpace(vc: any, datastore: string): Promise<number> {
  return (await vc.request('GET', `/api/vcenter/datastore/${datastore}`)).body.free_space;
}

describe('vSphere clone (synchronous)', () => {
  it('answers 200 with the new VM id once the VM exists, copied from the source, with its space taken', () =>
    withVsphere(async (vc) => {
      const before = await freeSpace(vc, 'datastore-21');
      const res = await vc.clone({ name: 'web-02', source: SOURCE });
      expect(res.status).toBe(200);
      expect(res.body).toBe('vm-1005');
      const vm = (await vc.request('GET', '/api/vcenter/vm/vm-1005')).body;
      expect(vm).toMatchObject({ name: 'web-02', power_state: 'POWERED_OFF', cpu: { count: 2 }, memory: { size_MiB: 2048 } });
      expect(vm.disks['2000']).toMatchObject({ capacity: 20 * GiB, backing: { vmdk_file: '[vsanDatastore] web-02/web-02.vmdk' } });
      expect(await freeSpace(vc, 'datastore-21')).toBe(before - 20 * GiB);
      // the clone lands where the source is (folder group-v30) unless placed elsewhere
      const listed = (await vc.request('GET', '/api/vcenter/vm?folders=group-v30')).body.map((v: any) => v.vm);
      expect(listed).toEqual(['vm-1003', 'vm-1005']);
      // ids are never reused, even after a delete
      expect((await vc.request('DELETE', '/api/vcenter/vm/vm-1005')).status).toBe(204);
      expect(await freeSpace(vc, 'datastore-21')).toBe(before);
      expect((await vc.clone({ name: 'web-03', source: SOURCE })).body).toBe('vm-1006');
    }));

  it('honours the whole CloneSpec: placement, disks_to_update, disks_to_remove, customization, power_on', () =>
    withVsphere(async (vc) => {
      const placed = await vc.clone({
        name: 'placed',
        source: 'vm-1002',
        placement: { folder: 'group-v3', cluster: 'domain-c8', resource_pool: 'resgroup-20', host: 'host-14' },
        disks_to_update: { '2000': { datastore: 'datastore-22' } },
        disks_to_remove: ['2001'],
        guest_customization_spec: { name: 'linux-default' },
        power_on: true,
      });
      // db-01's 40 GiB disk does not fit in the 10 GiB left on datastore-22
      expect(errorOf(placed)).toMatchObject({ status: 500, type: 'UNABLE_TO_ALLOCATE_RESOURCE' });
      const ok = await vc.clone({
        name: 'placed',
        source: 'vm-1002',
        placement: { folder: 'group-v3', cluster: 'domain-c8', resource_pool: 'resgroup-20', host: 'host-14' },
        disks_to_remove: ['2001'],
        guest_customization_spec: { name: 'linux-default' },
        power_on: true,
      });
      expect(ok.status).toBe(200);
      const id = ok.body;
      const filters = `vms=${id}&folders=group-v3&hosts=host-14&resource_pools=resgroup-20&clusters=domain-c8&power_states=POWERED_ON`;
      expect((await vc.request('GET', `/api/vcenter/vm?${filters}`)).body).toEqual([{ vm: id, name: 'placed', power_state: 'POWERED_ON', cpu_count: 4, memory_size_MiB: 16384 }]);
      expect(Object.keys((await vc.request('GET', `/api/vcenter/vm/${id}`)).body.disks)).toEqual(['2000']);
      // a placement datastore takes every disk not named in disks_to_update
      const small = await vc.clone({ name: 'small', source: SOURCE, disks_to_remove: ['2000'], placement: { datastore: 'datastore-22' } });
      expect(small.status).toBe(200);
      expect((await vc.request('GET', `/api/vcenter/vm/${small.body}`)).body.disks).toEqual({});
    }));

  it('NOT_FOUND for an unknown source, placement object, disk or customization spec', () =>
    withVsphere(async (vc) => {
      const cases: Array<[Record<string, unknown>, string]> = [
        [{ name: 'x', source: 'vm-999' }, 'com.vmware.api.vcenter.virtual_machine.not_found'],
        [{ name: 'x', source: SOURCE, placement: { folder: 'group-v999' } }, 'com.vmware.api.vcenter.folder.not_found'],
        [{ name: 'x', source: SOURCE, placement: { host: 'host-99' } }, 'com.vmware.api.vcenter.host.not_found'],
        [{ name: 'x', source: SOURCE, placement: { cluster: 'domain-c99' } }, 'com.vmware.api.vcenter.cluster.not_found'],
        [{ name: 'x', source: SOURCE, placement: { resource_pool: 'resgroup-99' } }, 'com.vmware.api.vcenter.resource_pool.not_found'],
        [{ name: 'x', source: SOURCE, placement: { datastore: 'datastore-99' } }, 'com.vmware.api.vcenter.datastore.not_found'],
        [{ name: 'x', source: SOURCE, disks_to_remove: ['2007'] }, 'com.vmware.api.vcenter.disk.not_found'],
        [{ name: 'x', source: SOURCE, disks_to_update: { '2000': { datastore: 'datastore-99' } } }, 'com.vmware.api.vcenter.datastore.not_found'],
        [{ name: 'x', source: SOURCE, guest_customization_spec: { name: 'nope' } }, 'com.vmware.api.vcenter.customization_specification.not_found'],
      ];
      for (const [spec, id] of cases) expect(errorOf(await vc.clone(spec))).toEqual({ status: 404, type: 'NOT_FOUND', id });
    }));

  it('INVALID_ARGUMENT for a disk both removed and updated, a disjoint placement, and a folder that holds no VMs', () =>
    withVsphere(async (vc) => {
      const both = await vc.clone({ name: 'x', source: SOURCE, disks_to_remove: ['2000'], disks_to_update: { '2000': { datastore: 'datastore-21' } } });
      expect(errorOf(both)).toEqual({ status: 400, type: 'INVALID_ARGUMENT', id: 'com.vmware.api.vcenter.vm.clone.disk.remove_and_update' });
      await vc.loadScenario((s) => {
        s.datacenters[0].clusters.push({ id: 'domain-c40', name: 'Cluster-02', rootPool: 'resgroup-41', hosts: [{ id: 'host-42', name: 'esxi-09' }] });
      });
      for (const placement of [{ cluster: 'domain-c40', host: 'host-12' }, { cluster: 'domain-c8', resource_pool: 'resgroup-41' }, { resource_pool: 'resgroup-20', host: 'host-42' }]) {
        expect(errorOf(await vc.clone({ name: 'x', source: SOURCE, placement }))).toEqual({ status: 400, type: 'INVALID_ARGUMENT', id: 'com.vmware.api.vcenter.vm.clone.placement.disjoint' });
      }
      expect(errorOf(await vc.clone({ name: 'x', source: SOURCE, placement: { folder: 'group-h3' } }))).toMatchObject({ status: 400, type: 'INVALID_ARGUMENT' });
      // a cluster alone moves the clone to one of its hosts and its root pool
      const moved = await vc.clone({ name: 'moved', source: SOURCE, placement: { cluster: 'domain-c40' } });
      expect((await vc.request('GET', `/api/vcenter/vm?vms=${moved.body}&hosts=host-42&resource_pools=resgroup-41`)).body).toHaveLength(1);
    }));

  it('ALREADY_EXISTS for a name taken in the target folder (and only there)', () =>
    withVsphere(async (vc) => {
      const taken = await vc.clone({ name: 'web-01', source: SOURCE, placement: { folder: 'group-v31' } });
      expect(errorOf(taken)).toEqual({ status: 400, type: 'ALREADY_EXISTS', id: 'com.vmware.api.vcenter.vm.clone.name.exists' });
      expect((await vc.clone({ name: 'web-01', source: SOURCE })).status).toBe(200);
    }));

  it('RESOURCE_INACCESSIBLE for an inaccessible datastore or a disconnected host, ERROR for a host in maintenance', () =>
    withVsphere(async (vc) => {
      await vc.loadScenario((s) => {
        const dc = s.datacenters[0];
        dc.datastores.push({ id: 'datastore-23', name: 'iscsi-offline', capacityGiB: 500, accessible: false });
        dc.clusters[0].hosts[1].state = 'DISCONNECTED';
        dc.clusters[0].hosts[2].maintenance = true;
      });
      expect(errorOf(await vc.clone({ name: 'x', source: SOURCE, placement: { datastore: 'datastore-23' } }))).toEqual({
        status: 500, type: 'RESOURCE_INACCESSIBLE', id: 'com.vmware.api.vcenter.vm.clone.datastore.inaccessible',
      });
      expect(errorOf(await vc.clone({ name: 'x', source: SOURCE, placement: { host: 'host-13' } }))).toMatchObject({ status: 500, type: 'RESOURCE_INACCESSIBLE' });
      expect(errorOf(await vc.clone({ name: 'x', source: SOURCE, placement: { host: 'host-14' } }))).toEqual({
        status: 500, type: 'ERROR', id: 'com.vmware.api.vcenter.vm.clone.host.maintenance',
      });
    }));

  it('UNABLE_TO_ALLOCATE_RESOURCE once clones have used up a datastore; deletes give the space back', () =>
    withVsphere(async (vc) => {
      expect(errorOf(await vc.clone({ name: 'x', source: SOURCE, placement: { datastore: 'datastore-22' } }))).toMatchObject({ status: 500, type: 'UNABLE_TO_ALLOCATE_RESOURCE' });
      await vc.loadScenario((s) => {
        s.datacenters[0].datastores[1].usedGiB = 150; // 50 GiB free: two 20 GiB clones fit, a third does not
      });
      const ids: string[] = [];
      for (const name of ['a', 'b']) ids.push((await vc.clone({ name, source: SOURCE, placement: { datastore: 'datastore-22' } })).body);
      const third = await vc.clone({ name: 'c', source: SOURCE, placement: { datastore: 'datastore-22' } });
      expect(errorOf(third)).toEqual({ status: 500, type: 'UNABLE_TO_ALLOCATE_RESOURCE', id: 'com.vmware.api.vcenter.vm.clone.datastore.space' });
      expect(await freeSpace(vc, 'datastore-22')).toBe(10 * GiB);
      expect((await vc.request('DELETE', `/api/vcenter/vm/${ids[0]}`)).status).toBe(204);
      expect((await vc.clone({ name: 'c', source: SOURCE, placement: { datastore: 'datastore-22' } })).status).toBe(200);
    }));

  it('SERVICE_UNAVAILABLE and other injected errors come from fault rules on the operationId', () =>
    withVsphere(async (vc) => {
      await vc.control('PUT', '/faults', [
        { api: 'vsphere', operationId: 'cloneVm', error: { status: 503, message: 'vpxd is restarting' }, maxCount: 1 },
        { api: 'vsphere', operationId: 'listVms', error: { status: 500, message: 'RESOURCE_BUSY: inventory lock held' }, maxCount: 1 },
      ]);
      const unavailable = await vc.clone({ name: 'x', source: SOURCE });
      expect(unavailable.status).toBe(503);
      expect(unavailable.body).toEqual({ error_type: 'SERVICE_UNAVAILABLE', messages: [{ id: 'com.vmware.vapi.std.errors.service_unavailable', default_message: 'vpxd is restarting', args: [] }] });
      expect(errorOf(await vc.request('GET', '/api/vcenter/vm'))).toMatchObject({ status: 500, type: 'RESOURCE_BUSY' });
      expect((await vc.clone({ name: 'x', source: SOURCE })).status).toBe(200);
    }));

  it('a task-failure fault makes the synchronous clone answer that error type, and creates nothing', () =>
    withVsphere(async (vc) => {
      await vc.control('PUT', '/faults', [{ api: 'vsphere', operationId: 'cloneVm', task: { fail: 'UNABLE_TO_ALLOCATE_RESOURCE: no memory reservation' } }]);
      expect(errorOf(await vc.clone({ name: 'x', source: SOURCE }))).toMatchObject({ status: 500, type: 'UNABLE_TO_ALLOCATE_RESOURCE' });
      expect((await vc.request('GET', '/api/vcenter/vm?names=x')).body).toEqual([]);
    }));
});
