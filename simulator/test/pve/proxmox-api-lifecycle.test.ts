// The npm `proxmox-api` client drives a whole VM lifecycle over HTTPS: create -> snapshot -> rollback ->
// migrate -> delete, following every task the way its users do.
import proxmoxApi from 'proxmox-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pveOverHttps } from '../helpers.js';

let pve: Awaited<ReturnType<typeof pveOverHttps>>;


let port: number;

beforeAll(async () => {
  pve = await pveOverHttps();
  port = pve.port;
});

afterAll(async () => {
  await pve?.close();
});

describe('npm proxmox-api: a VM lifecycle', () => {
  it('creates a VM, snapshots it, rolls it back, migrates it and deletes it', async () => {
    const previous = process.env.NODE_TLS_REJECT_UNAUTHORIZED;
    process.env.NODE_TLS_REJECT_UNAUTHORIZED = '0';
    try {
      const proxmox = proxmoxApi({ host: '127.0.0.1', port, username: 'root@pam', password: 'hypersim' });
      const waitFor = async (node: string, upid: string) => {
        let status = await proxmox.nodes.$(node).tasks.$(upid).status.$get();
        for (let polls = 0; status.status !== 'stopped' && polls < 100; polls++) {
          await new Promise((resolve) => setTimeout(resolve, 20));
          status = await proxmox.nodes.$(node).tasks.$(upid).status.$get();
        }
        return status;
      };
      const pve1 = proxmox.nodes.$('pve1');
      const vmid = Number(await proxmox.cluster.nextid.$get());

      const created = await pve1.qemu.$post({ vmid, name: 'lifecycle-01', memory: '1024', cores: 2, scsihw: 'virtio-scsi-single', scsi0: 'NFS:4', net0: 'virtio,bridge=vmbr0', ostype: 'l26' });
      expect(await waitFor('pve1', created)).toMatchObject({ exitstatus: 'OK', type: 'qmcreate' });
      const config = await pve1.qemu.$(vmid).config.$get();
      expect(config).toMatchObject({ name: 'lifecycle-01', memory: 1024, ostype: 'l26' });
      expect(config.scsi0).toBe(`NFS:${vmid}/vm-${vmid}-disk-0.qcow2,size=4G`);

      const snap = await pve1.qemu.$(vmid).snapshot.$post({ snapname: 'clean', description: 'fresh install' });
      expect(await waitFor('pve1', snap)).toMatchObject({ exitstatus: 'OK', type: 'qmsnapshot' });
      await pve1.qemu.$(vmid).config.$put({ memory: '4096' });
      const snapshots = await pve1.qemu.$(vmid).snapshot.$get();
      expect(snapshots.map((s) => s.name)).toEqual(['clean', 'current']);

      const rollback = await pve1.qemu.$(vmid).snapshot.$('clean').rollback.$post();
      expect(await waitFor('pve1', rollback)).toMatchObject({ exitstatus: 'OK', type: 'qmrollback' });
      expect((await pve1.qemu.$(vmid).config.$get()).memory).toBe(1024);

      const migrate = await pve1.qemu.$(vmid).migrate.$post({ target: 'pve2' });
      expect(await waitFor('pve1', migrate)).toMatchObject({ exitstatus: 'OK', type: 'qmigrate' });
      expect((await proxmox.nodes.$('pve2').qemu.$get()).map((vm) => vm.vmid)).toContain(vmid);

      const destroyed = await proxmox.nodes.$('pve2').qemu.$(vmid).$delete({ purge: true, 'destroy-unreferenced-disks': true });
      expect(await waitFor('pve2', destroyed)).toMatchObject({ exitstatus: 'OK', type: 'qmdestroy' });
      await expect(proxmox.nodes.$('pve2').qemu.$(vmid).config.$get()).rejects.toThrow(`Configuration file 'nodes/pve2/qemu-server/${vmid}.conf' does not exist`);
    } finally {
      if (previous === undefined) delete process.env.NODE_TLS_REJECT_UNAUTHORIZED;
      else process.env.NODE_TLS_REJECT_UNAUTHORIZED = previous;
    }
  }, 30_000);
});
