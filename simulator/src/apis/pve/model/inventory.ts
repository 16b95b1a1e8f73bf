// Nodes, storages and the volumes on them. Free space is derived from the volumes, never stored.
import type { Store } from '../../../core/store.js';
import { PveError } from '../errors.js';

export interface Node {
  name: string;
  cores: number;
  memory: number;
  status: 'online' | 'offline';
  bootedAt: number;
}

export interface Storage {
  id: string;
  type: string;
  content: string;
  shared: boolean;
  total: number;
  /** the nodes that see this storage; empty = all */
  nodes: string[];
}

export interface Volume {
  volid: string;
  storage: string;
  node: string;
  vmid: number;
  size: number;
  format: string;
  ctime: number;
}

export class Inventory {
  /** nodes and storages change only when a scenario is loaded, so they are read once */
  private nodeCache: Map<string, Node> | undefined;
  private storageCache: Map<string, Storage> | undefined;
  /** bytes in use per storage (and node, for local storage), kept up to date as volumes come and go */
  private readonly usage = new Map<string, number>();

  constructor(private readonly store: Store) {}

  forgetCaches(): void {
    this.nodeCache = undefined;
    this.storageCache = undefined;
    this.usage.clear();
  }

  nodes(): Node[] {
    return this.store.all<Record<string, any>>('SELECT * FROM pve_nodes ORDER BY name').map(toNode);
  }

  node(name: string): Node | undefined {
    this.nodeCache ??= new Map(this.nodes().map((n) => [n.name, n]));
    return this.nodeCache.get(name);
  }

  /** The node, or PVE's error for an unknown one. */
  requireNode(name: string): Node {
    const node = this.node(name);
    if (!node) throw new PveError(`no such cluster node '${name}'`);
    return node;
  }

  addNode(node: Node): void {
    this.nodeCache = undefined;
    this.store.run('INSERT INTO pve_nodes (name, cores, memory, status, booted_at) VALUES (?, ?, ?, ?, ?)', node.name, node.cores, node.memory, node.status, node.bootedAt);
  }

  storages(): Storage[] {
    return this.store.all<Record<string, any>>('SELECT * FROM pve_storages ORDER BY id').map(toStorage);
  }

  storagesOn(node: string): Storage[] {
    return this.storages().filter((s) => s.nodes.length === 0 || s.nodes.includes(node));
  }

  storage(id: string): Storage | undefined {
    this.storageCache ??= new Map(this.storages().map((s) => [s.id, s]));
    return this.storageCache.get(id);
  }

  /** The storage as seen from a node, or PVE's error. */
  requireStorage(id: string, node: string): Storage {
    const storage = this.storage(id);
    if (!storage || (storage.nodes.length > 0 && !storage.nodes.includes(node))) throw new PveError(`storage '${id}' does not exist`);
    return storage;
  }

  addStorage(storage: Storage): void {
    this.storageCache = undefined;
    this.store.run(
      'INSERT INTO pve_storages (id, type, content, shared, total, nodes) VALUES (?, ?, ?, ?, ?, ?)',
      storage.id, storage.type, storage.content, storage.shared ? 1 : 0, storage.total, storage.nodes.join(','),
    );
  }

  /** Bytes allocated on a storage as seen from a node (a shared storage counts everywhere). */
  used(storage: Storage, node: string): number {
    const key = usageKey(storage.id, storage.shared, node);
    let used = this.usage.get(key);
    if (used === undefined) {
      used = this.sumUsed(storage, node);
      this.usage.set(key, used);
    }
    return used;
  }

  private sumUsed(storage: Storage, node: string): number {
    const row = storage.shared
      ? this.store.get<{ used: number }>('SELECT COALESCE(SUM(size), 0) AS used FROM pve_volumes WHERE storage = ?', storage.id)
      : this.store.get<{ used: number }>('SELECT COALESCE(SUM(size), 0) AS used FROM pve_volumes WHERE storage = ? AND node = ?', storage.id, node);
    return row?.used ?? 0;
  }

  available(storage: Storage, node: string): number {
    return Math.max(0, storage.total - this.used(storage, node));
  }

  volumesOn(storage: Storage, node: string): Volume[] {
    const rows = storage.shared
      ? this.store.all<Volume>('SELECT * FROM pve_volumes WHERE storage = ? ORDER BY volid', storage.id)
      : this.store.all<Volume>('SELECT * FROM pve_volumes WHERE storage = ? AND node = ? ORDER BY volid', storage.id, node);
    return rows;
  }

  volumesOf(vmid: number): Volume[] {
    return this.store.all<Volume>('SELECT * FROM pve_volumes WHERE vmid = ? ORDER BY volid', vmid);
  }

  volume(volid: string): Volume | undefined {
    return this.store.get<Volume>('SELECT * FROM pve_volumes WHERE volid = ?', volid);
  }

  addVolume(volume: Volume): void {
    const key = usageKey(volume.storage, this.storage(volume.storage)?.shared ?? false, volume.node);
    const used = this.usage.get(key);
    if (used !== undefined) this.usage.set(key, used + volume.size);
    this.store.run(
      'INSERT INTO pve_volumes (volid, storage, node, vmid, size, format, ctime) VALUES (?, ?, ?, ?, ?, ?, ?)',
      volume.volid, volume.storage, volume.node, volume.vmid, volume.size, volume.format, volume.ctime,
    );
  }

  resizeVolume(volid: string, size: number): void {
    this.usage.clear();
    this.store.run('UPDATE pve_volumes SET size = ? WHERE volid = ?', size, volid);
  }

  renameVolume(from: string, to: string): void {
    this.store.run('UPDATE pve_volumes SET volid = ? WHERE volid = ?', to, from);
  }

  /** A migrated VM's volumes now live on the target node. */
  moveVolumesOf(vmid: number, node: string): void {
    this.usage.clear();
    this.store.run('UPDATE pve_volumes SET node = ? WHERE vmid = ?', node, vmid);
  }

  removeVolume(volid: string): void {
    this.usage.clear();
    this.store.run('DELETE FROM pve_volumes WHERE volid = ?', volid);
  }

  removeVolumesOf(vmid: number): void {
    this.usage.clear();
    this.store.run('DELETE FROM pve_volumes WHERE vmid = ?', vmid);
  }
}

function usageKey(storage: string, shared: boolean, node: string): string {
  return shared ? storage : `${storage}@${node}`;
}

function toNode(row: Record<string, any>): Node {
  return { name: row.name, cores: row.cores, memory: row.memory, status: row.status, bootedAt: row.booted_at };
}

function toStorage(row: Record<string, any>): Storage {
  return { id: row.id, type: row.type, content: row.content, shared: row.shared === 1, total: row.total, nodes: row.nodes === '' ? [] : String(row.nodes).split(',') };
}

/** The volume id PVE gives a VM disk on a storage of this type. */
export function volumeId(storage: Storage, vmid: number, disk: number, format: string, base = false): string {
  const name = `${base ? 'base' : 'vm'}-${vmid}-disk-${disk}`;
  if (storage.type === 'lvmthin' || storage.type === 'lvm' || storage.type === 'zfspool' || storage.type === 'rbd') return `${storage.id}:${name}`;
  return `${storage.id}:${vmid}/${name}.${format}`;
}

/** The next disk volume id for a VM that names no volume yet (leftover disks of an earlier VM with
 * the same id keep their names, as PVE's allocator skips them too). */
export function freeVolumeId(inventory: Inventory, storage: Storage, vmid: number, format: string, taken: Set<string>): string {
  for (let disk = 0; ; disk++) {
    const volid = volumeId(storage, vmid, disk, format);
    if (!taken.has(volid) && !inventory.volume(volid)) {
      taken.add(volid);
      return volid;
    }
  }
}

/** The default disk format of a storage type. */
export function defaultFormat(storage: Storage): string {
  return storage.type === 'nfs' || storage.type === 'dir' || storage.type === 'cifs' ? 'qcow2' : 'raw';
}
