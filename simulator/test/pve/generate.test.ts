import { describe, expect, it } from 'vitest';
import { createSimulator } from '../../src/simulator.js';
import { pveClient, withSimulator } from '../helpers.js';

describe('PVE generated inventory (--scenario generate:...)', () => {
  it('adds nodes and VMs on top of the default scenario, deterministically', () =>
    withSimulator(
      async (sim) => {
        const pve = await pveClient(sim);
        expect((await pve.request('GET', '/nodes')).body.data.map((n: any) => n.node)).toEqual(['pve1', 'pve2', 'pve3', 'pve4', 'pve5']);
        const vms = (await pve.request('GET', '/cluster/resources', { type: 'vm' })).body.data;
        expect(vms).toHaveLength(54);
        expect(vms.find((v: any) => v.vmid === 10_000)).toMatchObject({ name: 'vm-10000', node: 'pve1', status: 'running' });
        expect(vms.find((v: any) => v.vmid === 10_001)).toMatchObject({ node: 'pve2', status: 'stopped' });
        const config = (await pve.request('GET', '/nodes/pve5/qemu/10004/config')).body.data;
        expect(config.scsi0).toBe('NFS:9000/base-9000-disk-0.qcow2/10004/vm-10004-disk-0.qcow2,iothread=1,size=32G');
        // the default scenario's objects are all still there, and nextid still starts low
        expect((await pve.request('GET', '/nodes/pve1/qemu/100/status/current')).body.data.name).toBe('web-01');
        expect((await pve.request('GET', '/cluster/nextid')).body.data).toBe('102');
        // a generated VM can be cloned, and a template with linked clones cannot be destroyed
        const upid = (await pve.request('POST', '/nodes/pve1/qemu/10000/clone', { newid: 500 })).body.data;
        expect((await pve.finish(upid)).exitstatus).toBe('OK');
        await pve.finish((await pve.request('POST', '/nodes/pve1/qemu/100/status/stop')).body.data);
        expect((await pve.request('DELETE', '/nodes/pve1/qemu/9000')).body.message).toMatch(/^base volume 'NFS:9000\/base-9000-disk-0.qcow2' is still in use by linked cloned VM/);
      },
      { scenario: 'generate:nodes=5,vms=50' },
    ));

  it('refuses a malformed generator with a clear message', () => {
    expect(() => createSimulator({ dataDir: ':memory:', seed: 1, clock: { mode: 'manual' }, scenario: 'generate:nodes=lots', apis: ['pve'] })).toThrow(
      "scenario 'generate:nodes=lots': expected generate:NAME=N[,NAME=N...], e.g. generate:nodes=16,vms=10000",
    );
  });
});
