import { describe, expect, it } from 'vitest';
import { errorOf, READONLY, withVsphere } from './client.js';

describe('vSphere VMs', () => {
  it('gets a VM with its hardware and disks; an unknown one is NOT_FOUND', () =>
    withVsphere(async (vc) => {
      const res = await vc.request('GET', '/api/vcenter/vm/vm-1002');
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ name: 'db-01', power_state: 'POWERED_ON', cpu: { count: 4 }, memory: { size_MiB: 16384 }, guest_OS: 'UBUNTU_64' });
      expect(Object.keys(res.body.disks)).toEqual(['2000', '2001']);
      expect(res.body.disks['2001']).toMatchObject({ label: 'Hard disk 2', capacity: 200 * 1024 ** 3, backing: { vmdk_file: '[vsanDatastore] db-01/db-01_1.vmdk' } });
      expect(errorOf(await vc.request('GET', '/api/vcenter/vm/vm-42'))).toEqual({ status: 404, type: 'NOT_FOUND', id: 'com.vmware.api.vcenter.virtual_machine.not_found' });
    }));

  it('moves through the power states vCenter allows, with ALREADY_IN_DESIRED_STATE and NOT_ALLOWED_IN_CURRENT_STATE', () =>
    withVsphere(async (vc) => {
      const power = (action: string) => vc.request('POST', `/api/vcenter/vm/vm-1004/power?action=${action}`);
      const state = async () => (await vc.request('GET', '/api/vcenter/vm/vm-1004/power')).body;
      expect(await state()).toEqual({ state: 'POWERED_OFF', clean_power_off: true });
      expect(errorOf(await power('stop'))).toMatchObject({ status: 400, type: 'ALREADY_IN_DESIRED_STATE' });
      expect(errorOf(await power('suspend'))).toMatchObject({ status: 400, type: 'NOT_ALLOWED_IN_CURRENT_STATE' });
      expect(errorOf(await power('reset'))).toMatchObject({ status: 400, type: 'NOT_ALLOWED_IN_CURRENT_STATE' });
      expect((await power('start')).status).toBe(204);
      expect(await state()).toEqual({ state: 'POWERED_ON' });
      expect(errorOf(await power('start'))).toMatchObject({ status: 400, type: 'ALREADY_IN_DESIRED_STATE' });
      expect((await power('reset')).status).toBe(204);
      expect((await power('suspend')).status).toBe(204);
      expect(await state()).toEqual({ state: 'SUSPENDED' });
      expect(errorOf(await power('suspend'))).toMatchObject({ status: 400, type: 'ALREADY_IN_DESIRED_STATE' });
      expect((await power('start')).status).toBe(204);
      expect((await power('stop')).status).toBe(204);
      expect(errorOf(await vc.request('POST', '/api/vcenter/vm/vm-1004/power?action=hibernate'))).toMatchObject({ status: 400, type: 'INVALID_ARGUMENT' });
      expect(errorOf(await vc.request('POST', '/api/vcenter/vm/vm-1004/power'))).toMatchObject({ status: 400, type: 'INVALID_ARGUMENT' });
      expect(errorOf(await vc.request('POST', '/api/vcenter/vm/vm-77/power?action=start'))).toMatchObject({ status: 404, type: 'NOT_FOUND' });
    }));

  it('deletes a powered-off VM (204) but not a powered-on one (400 NOT_ALLOWED_IN_CURRENT_STATE)', () =>
    withVsphere(async (vc) => {
      expect(errorOf(await vc.request('DELETE', '/api/vcenter/vm/vm-1001'))).toEqual({ status: 400, type: 'NOT_ALLOWED_IN_CURRENT_STATE', id: 'com.vmware.api.vcenter.vm.delete.powered_on' });
      const res = await vc.request('DELETE', '/api/vcenter/vm/vm-1004');
      expect(res.status).toBe(204);
      expect(res.body).toBeUndefined();
      expect((await vc.request('GET', '/api/vcenter/vm/vm-1004')).status).toBe(404);
      expect((await vc.request('DELETE', '/api/vcenter/vm/vm-1004')).status).toBe(404);
    }));

  it('checks the privileges of power, delete and each privilege of seed 002 on the object it names', () =>
    withVsphere(async (vc) => {
      const reader = await vc.as(READONLY);
      expect((await reader.request('GET', '/api/vcenter/vm/vm-1001')).status).toBe(200);
      expect(errorOf(await reader.request('POST', '/api/vcenter/vm/vm-1004/power?action=start'))).toEqual({ status: 403, type: 'UNAUTHORIZED', id: 'vapi.security.authorization.invalid' });
      expect((await reader.request('DELETE', '/api/vcenter/vm/vm-1004')).body.messages[0].args).toEqual(['VirtualMachine.Inventory.Delete', 'vm-1004']);
      const denied = await reader.clone({ name: 'x', source: 'vm-1003' });
      expect(denied.status).toBe(403);
      expect(denied.body.messages[0].args).toEqual(['VirtualMachine.Provisioning.Clone', 'vm-1003']);

      const all = ['Datastore.AllocateSpace', 'VirtualMachine.Inventory.CreateFromExisting', 'Resource.AssignVMToPool', 'VirtualMachine.Provisioning.Clone'];
      const expectedObject: Record<string, string> = {
        'Datastore.AllocateSpace': 'datastore-22',
        'VirtualMachine.Inventory.CreateFromExisting': 'group-v31',
        'Resource.AssignVMToPool': 'resgroup-20',
        'VirtualMachine.Provisioning.Clone': 'vm-1003',
      };
      await vc.loadScenario((s) => {
        for (const lacking of all) s.users.push({ name: `no-${lacking}@vsphere.local`, password: 'hypersim', privileges: all.filter((p) => p !== lacking) });
      });
      for (const lacking of all) {
        const user = await vc.as(`no-${lacking}@vsphere.local`);
        const spec = { name: 'x', source: 'vm-1003', disks_to_remove: ['2000'], placement: { datastore: 'datastore-22', folder: 'group-v31', resource_pool: 'resgroup-20' } };
        const res = await user.clone(spec);
        expect(errorOf(res)).toMatchObject({ status: 403, type: 'UNAUTHORIZED' });
        expect(res.body.messages[0].args).toEqual([lacking, expectedObject[lacking]]);
      }
      // disks_to_update names its own datastore
      const noSpace = await vc.as('no-Datastore.AllocateSpace@vsphere.local');
      expect((await noSpace.clone({ name: 'y', source: 'vm-1003', disks_to_update: { '2000': { datastore: 'datastore-21' } } })).body.messages[0].args).toEqual(['Datastore.AllocateSpace', 'datastore-21']);
    }));
});
