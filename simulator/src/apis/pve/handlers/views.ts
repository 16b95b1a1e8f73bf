// How PVE shows nodes, VMs and storages in listings and status reads.
import type { Node, Storage } from '../model/inventory.js';
import type { PveModel } from '../model/index.js';
import { GiB } from '../model/units.js';
import { disksOf, type Vm } from '../model/vms.js';

const MiB = 1024 * 1024;

export function nodeSummary(model: PveModel, node: Node) {
  const online = node.status === 'online';
  const running = model.vms.peekOnNode(node.name).filter((vm) => vm.status === 'running');
  const mem = running.reduce((sum, vm) => sum + memoryBytes(vm), 2 * GiB);
  return {
    node: node.name,
    status: node.status,
    id: `node/${node.name}`,
    type: 'node' as const,
    level: '',
    cpu: online ? Math.min(1, 0.01 + running.length * 0.02) : 0,
    maxcpu: node.cores,
    mem: online ? Math.min(mem, node.memory) : 0,
    maxmem: node.memory,
    disk: 8 * GiB,
    maxdisk: 100 * GiB,
    uptime: online ? Math.max(0, Math.floor((model.now() - node.bootedAt) / 1000)) : 0,
  };
}

export function memoryBytes(vm: Vm): number {
  return Number(vm.config.memory ?? 512) * MiB;
}

interface VmStatic {
  name: string;
  cpus: number;
  maxmem: number;
  maxdisk: number;
  tags: string | undefined;
}

/** What a summary takes from the configuration, per VM object: a changed VM is a new object (Vms.save). */
const staticParts = new WeakMap<Vm, VmStatic>();

function vmStatic(vm: Vm): VmStatic {
  let parts = staticParts.get(vm);
  if (!parts) {
    parts = {
      name: String(vm.config.name ?? `VM ${vm.vmid}`),
      cpus: Number(vm.config.cores ?? 1) * Number(vm.config.sockets ?? 1),
      maxmem: memoryBytes(vm),
      maxdisk: disksOf(vm.config)[0]?.size ?? 0,
      tags: vm.config.tags === undefined ? undefined : String(vm.config.tags),
    };
    staticParts.set(vm, parts);
  }
  return parts;
}

export interface VmSummaryView {
  vmid: number;
  name: string;
  status: Vm['status'];
  cpus: number;
  maxmem: number;
  maxdisk: number;
  mem: number;
  disk: number;
  cpu: number;
  uptime: number;
  netin: number;
  netout: number;
  diskread: number;
  diskwrite: number;
  template?: 1;
  lock?: string;
  pid?: number;
  tags?: string;
}

/** A VM as listings show it. Built by assignment (no spreads): listings of 10,000 VMs go through here. */
export function vmSummary(model: PveModel, vm: Vm): VmSummaryView {
  const running = vm.status === 'running';
  const { name, cpus, maxmem, maxdisk, tags } = vmStatic(vm);
  const view: VmSummaryView = {
    vmid: vm.vmid,
    name,
    status: vm.status,
    cpus,
    maxmem,
    maxdisk,
    mem: running ? Math.floor(maxmem / 4) : 0,
    disk: 0,
    cpu: running ? 0.02 : 0,
    uptime: running && vm.startedAt !== null ? Math.max(0, Math.floor((model.now() - vm.startedAt) / 1000)) : 0,
    netin: 0,
    netout: 0,
    diskread: 0,
    diskwrite: 0,
  };
  if (vm.template) view.template = 1;
  if (vm.lock) view.lock = vm.lock;
  if (running && vm.pid) view.pid = vm.pid;
  if (tags !== undefined) view.tags = tags;
  return view;
}

export function storageSummary(model: PveModel, storage: Storage, node: string) {
  const used = model.inventory.used(storage, node);
  return {
    storage: storage.id,
    type: storage.type,
    content: storage.content,
    shared: storage.shared ? 1 : 0,
    active: 1,
    enabled: 1,
    total: storage.total,
    used,
    avail: Math.max(0, storage.total - used),
    used_fraction: storage.total > 0 ? Math.min(1, used / storage.total) : 0,
  };
}
