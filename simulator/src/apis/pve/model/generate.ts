// A large, deterministic inventory on top of a scenario (`--scenario generate:nodes=16,vms=10000`, or
// `generate: {nodes, vms}` in a scenario's pve section): nodes pve4... up to `nodes`, and `vms` VMs with
// ids from 10000, spread over the nodes in turn, each a linked clone of template 9000 or 9001 on NFS (so
// they take no space), every third one running. Names, MACs and states depend only on the vmid.
import { ScenarioError } from '../../../core/scenario.js';
import type { PveModel } from './index.js';
import { macFor } from './network.js';
import { GiB } from './units.js';
import { formatDisk, type VmConfig } from './vms.js';

export const GENERATED_FIRST_VMID = 10_000;
const MAX_NODES = 1000;
const MAX_VMS = 1_000_000;

export interface GenerateSizes {
  nodes?: number;
  vms?: number;
}

export function generateInventory(model: PveModel, sizes: GenerateSizes): void {
  const nodes = sizes.nodes ?? 0;
  const vms = sizes.vms ?? 0;
  if (!Number.isInteger(nodes) || nodes < 0 || nodes > MAX_NODES) throw new ScenarioError(`scenario pve: generate.nodes must be an integer from 0 to ${MAX_NODES}`);
  if (!Number.isInteger(vms) || vms < 0 || vms > MAX_VMS) throw new ScenarioError(`scenario pve: generate.vms must be an integer from 0 to ${MAX_VMS}`);
  const now = model.now();
  for (let i = model.inventory.nodes().length + 1; i <= nodes; i++)
    model.inventory.addNode({ name: `pve${i}`, cores: 32, memory: 128 * GiB, status: 'online', bootedAt: now - 86_400_000 });
  const names = model.inventory.nodes().map((n) => n.name);
  if (vms > 0 && names.length === 0) throw new ScenarioError('scenario pve: generate.vms needs at least one node');
  const templates = [9000, 9001].map((id) => model.vms.get(id)).filter((vm) => vm?.template === true);
  for (let i = 0; i < vms; i++) {
    const vmid = GENERATED_FIRST_VMID + i;
    const node = names[i % names.length]!;
    const running = i % 3 === 0;
    const config: VmConfig = {
      name: `vm-${vmid}`,
      cores: 1 + (i % 4),
      sockets: 1,
      memory: 1024 * (1 + (i % 8)),
      ostype: 'l26',
      scsihw: 'virtio-scsi-single',
      net0: `virtio=${macFor(vmid)},bridge=vmbr0`,
      boot: 'order=scsi0;net0',
      ...(i % 2 === 0 ? { agent: '1' } : {}),
    };
    const template = templates[i % Math.max(1, templates.length)];
    const base = template?.config.scsi0 === undefined ? undefined : String(template.config.scsi0).split(',')[0];
    if (template && base) {
      const volid = `${base}/${vmid}/vm-${vmid}-disk-0.qcow2`;
      const storage = base.split(':')[0] ?? 'NFS';
      model.inventory.addVolume({ volid, storage, node, vmid, size: 0, format: 'qcow2', ctime: Math.floor(now / 1000) });
      config.scsi0 = formatDisk({ volid, size: 32 * GiB, options: 'iothread=1' });
    }
    model.vms.insert({ vmid, node, status: running ? 'running' : 'stopped', template: false, lock: null, config, startedAt: running ? now - 3_600_000 : null, pid: running ? 100_000 + i : null });
  }
}
