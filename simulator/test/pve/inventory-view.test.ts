// PVE's inventory for the dashboard: nodes, VMs (status, lock, disks) and storage use, as the model has them.
import { describe, expect, it } from 'vitest';
import type { InventoryTable } from '../../src/core/api-module.js';
import { PveTestClient, withSimulator } from '../helpers.js';

const table = (tables: InventoryTable[], title: string) => {
  const found = tables.find((t) => t.title === title)!;
  return found.rows.map((row) => Object.fromEntries(found.columns.map((c, i) => [c, row[i]])));
};

describe('PVE inventory view', () => {
  it('shows the default scenario, then a clone with its lock and the space it takes', async () => {
    await withSimulator(async (sim) => {
      const inventory = async () => ((await (await sim.app('pve').request('/_sim/apis')).json()) as { apis: Array<{ inventory: { tables: InventoryTable[] } }> }).apis[0]!.inventory.tables;
      let tables = await inventory();
      expect(table(tables, 'Nodes')[0]).toEqual({ node: 'pve1', status: 'online', cores: 32, 'running VMs': '1/2', 'memory of running VMs': { used: 4096 * 1024 ** 2, total: 128 * 1024 ** 3, unit: 'B' } });
      expect(table(tables, 'VMs').find((vm) => vm.vmid === 101)).toEqual({
        vmid: 101, name: 'db-01', node: 'pve1', status: 'stopped', lock: null, cores: 4, disks: 'scsi0: local-lvm:vm-101-disk-0 (64G)',
      });
      const storages = table(tables, 'Storages');
      expect(storages.map((s) => `${s.storage}@${s.node}`)).toEqual(['NFS@shared', 'local-lvm@pve1', 'local-lvm@pve2', 'local-lvm@pve3']);
      expect(storages[1]!.used).toEqual({ used: 96 * 1024 ** 3, total: 500 * 1024 ** 3, unit: 'B' });

      const client = await new PveTestClient(sim).login();
      const clone = await client.request('POST', '/nodes/pve1/qemu/100/clone', { newid: 300, name: 'full-copy', full: 1, storage: 'local-lvm' });
      expect(clone.status).toBe(200);
      tables = await inventory();
      expect(table(tables, 'VMs').find((vm) => vm.vmid === 100)!.lock).toBe('clone');
      expect(table(tables, 'VMs').find((vm) => vm.vmid === 300)).toMatchObject({ name: 'full-copy', lock: 'clone' });
      expect(table(tables, 'Storages')[1]!.used).toEqual({ used: 128 * 1024 ** 3, total: 500 * 1024 ** 3, unit: 'B' });

      await sim.app('pve').request('/_sim/clock/advance', { method: 'POST', body: '{"seconds": 3600}' });
      tables = await inventory();
      expect(table(tables, 'VMs').find((vm) => vm.vmid === 300)).toMatchObject({ status: 'stopped', lock: null });
    });
  });
});
