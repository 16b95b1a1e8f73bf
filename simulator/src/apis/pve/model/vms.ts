// QEMU VMs: one row each, the configuration as a JSON object of PVE config keys.
import { createHash } from 'node:crypto';
import type { Store } from '../../../core/store.js';
import { PveError } from '../errors.js';
import { formatSize, parseSize } from './units.js';

export type VmConfig = Record<string, string | number>;

export interface Vm {
  vmid: number;
  node: string;
  status: 'running' | 'stopped';
  template: boolean;
  lock: string | null;
  config: VmConfig;
  startedAt: number | null;
  pid: number | null;
}

export interface Disk {
  key: string;
  volid: string;
  size: number;
  /** everything after the volume id and size, e.g. "discard=on,ssd=1" */
  options: string;
}

const DISK_KEY = /^(?:scsi|virtio|sata|ide)\d+$/;

export class Vms {
  /** the lowest vmid removed since the id allocator last asked (ids below its cursor may be free again) */
  private lowestRemoved: number | undefined;
  /** VMs as last written or read; every write goes through this class, and rollbacks clear it */
  private readonly cache = new Map<number, Vm>();
  /** the cache holds every VM (after a full read), and this is them in vmid order */
  private complete = false;
  private ordered: Vm[] | undefined;
  /** goes up with every change to any VM: views derived from all VMs key their caches on it */
  version = 0;

  constructor(private readonly store: Store) {}

  forgetCaches(): void {
    this.cache.clear();
    this.complete = false;
    this.ordered = undefined;
    this.version += 1;
  }

  takeLowestRemoved(): number | undefined {
    const lowest = this.lowestRemoved;
    this.lowestRemoved = undefined;
    return lowest;
  }

  /** A copy the caller may change; nothing is stored until save(). */
  get(vmid: number): Vm | undefined {
    let vm = this.cache.get(vmid);
    if (!vm) {
      const row = this.store.get<Record<string, any>>('SELECT * FROM pve_vms WHERE vmid = ?', vmid);
      if (!row) return undefined;
      vm = toVm(row);
      this.cache.set(vmid, vm);
    }
    return copy(vm);
  }

  /** The VM without copying it, for reads on hot paths: a shared object, never change it. */
  peek(vmid: number): Vm | undefined {
    const cached = this.cache.get(vmid);
    if (cached) return cached;
    if (this.complete) return undefined;
    this.get(vmid);
    return this.cache.get(vmid);
  }

  exists(vmid: number): boolean {
    return this.cache.has(vmid) || this.store.get('SELECT 1 FROM pve_vms WHERE vmid = ?', vmid) !== undefined;
  }

  /** The VM on that node, or PVE's missing-config error. */
  require(node: string, vmid: number): Vm {
    const vm = this.get(vmid);
    if (!vm || vm.node !== node) throw new PveError(`Configuration file 'nodes/${node}/qemu-server/${vmid}.conf' does not exist`);
    return vm;
  }

  /** The VMs on a node, in vmid order (copies the caller may change). */
  onNode(node: string): Vm[] {
    return this.peekOnNode(node).map(copy);
  }

  /** Every VM, in vmid order (copies the caller may change). */
  all(): Vm[] {
    return this.peekAll().map(copy);
  }

  /** The VMs on a node without copying them, for listings: shared objects, never change them. */
  peekOnNode(node: string): Vm[] {
    return this.peekAll().filter((vm) => vm.node === node);
  }

  /** Every VM, in vmid order, served from memory once read, without copies: shared objects, never change them. */
  peekAll(): Vm[] {
    if (!this.complete) {
      for (const row of this.store.all<Record<string, any>>('SELECT * FROM pve_vms ORDER BY vmid')) {
        const vm = toVm(row);
        if (!this.cache.has(vm.vmid)) this.cache.set(vm.vmid, vm);
      }
      this.complete = true;
      this.ordered = undefined;
    }
    this.ordered ??= [...this.cache.values()].sort((a, b) => a.vmid - b.vmid);
    return this.ordered;
  }

  insert(vm: Vm): void {
    this.cache.set(vm.vmid, copy(vm));
    this.ordered = undefined;
    this.version += 1;
    this.store.run(
      'INSERT INTO pve_vms (vmid, node, status, template, lock, config, started_at, pid) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
      vm.vmid, vm.node, vm.status, vm.template ? 1 : 0, vm.lock, JSON.stringify(vm.config), vm.startedAt, vm.pid,
    );
  }

  save(vm: Vm): void {
    this.cache.set(vm.vmid, copy(vm));
    this.ordered = undefined;
    this.version += 1;
    this.store.run(
      'UPDATE pve_vms SET node = ?, status = ?, template = ?, lock = ?, config = ?, started_at = ?, pid = ? WHERE vmid = ?',
      vm.node, vm.status, vm.template ? 1 : 0, vm.lock, JSON.stringify(vm.config), vm.startedAt, vm.pid, vm.vmid,
    );
  }

  setLock(vmid: number, lock: string | null): void {
    this.version += 1;
    const cached = this.cache.get(vmid);
    if (cached) cached.lock = lock;
    this.store.run('UPDATE pve_vms SET lock = ? WHERE vmid = ?', lock, vmid);
  }

  remove(vmid: number): void {
    this.cache.delete(vmid);
    this.ordered = undefined;
    this.version += 1;
    this.store.run('DELETE FROM pve_vms WHERE vmid = ?', vmid);
    this.lowestRemoved = Math.min(this.lowestRemoved ?? vmid, vmid);
  }
}

/** PVE refuses to touch a locked VM. */
export function assertUnlocked(vm: Vm): void {
  if (vm.lock) throw new PveError(`VM is locked (${vm.lock})`);
}

export function disksOf(config: VmConfig): Disk[] {
  const disks: Disk[] = [];
  for (const [key, value] of Object.entries(config)) {
    if (!DISK_KEY.test(key) || typeof value !== 'string') continue;
    const [volid = '', ...rest] = value.split(',');
    if (volid === 'none' || rest.includes('media=cdrom')) continue;
    const sizeOption = rest.find((o) => o.startsWith('size='));
    disks.push({ key, volid, size: parseSize(sizeOption?.slice(5) ?? '') ?? 0, options: rest.filter((o) => !o.startsWith('size=')).join(',') });
  }
  return disks.sort((a, b) => a.key.localeCompare(b.key, 'en', { numeric: true }));
}

export function formatDisk(disk: Omit<Disk, 'key'>): string {
  return [disk.volid, ...(disk.options ? [disk.options] : []), `size=${formatSize(disk.size)}`].join(',');
}

/** PVE's config digest: a SHA-1 over the configuration, changing whenever the configuration does. */
export function configDigest(config: VmConfig): string {
  const ordered = Object.keys(config).sort().map((k) => `${k}: ${config[k]}`).join('\n');
  return createHash('sha1').update(ordered).digest('hex');
}

function copy(vm: Vm): Vm {
  return { ...vm, config: { ...vm.config } };
}

function toVm(row: Record<string, any>): Vm {
  return {
    vmid: row.vmid,
    node: row.node,
    status: row.status,
    template: row.template === 1,
    lock: row.lock,
    config: JSON.parse(row.config) as VmConfig,
    startedAt: row.started_at,
    pid: row.pid,
  };
}
