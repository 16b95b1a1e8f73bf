// The fixed part of the inventory: datacenters, folders, clusters, hosts, resource pools, datastores and
// networks. They change only when a scenario is loaded, so they are read once and kept in memory.
// Datastore free space is derived from the disks on it, never stored.
import type { Store } from '../../../core/store.js';
import { notFound } from '../errors.js';

export type FolderType = 'DATACENTER' | 'DATASTORE' | 'HOST' | 'NETWORK' | 'VIRTUAL_MACHINE';

interface Base {
  id: string;
  name: string;
  datacenter: string;
}

export interface Datacenter extends Base {
  kind: 'datacenter';
  vmFolder: string;
  hostFolder: string;
  datastoreFolder: string;
  networkFolder: string;
}
export interface Folder extends Base {
  kind: 'folder';
  type: FolderType;
  parent: string | null;
}
export interface Cluster extends Base {
  kind: 'cluster';
  folder: string;
  haEnabled: boolean;
  drsEnabled: boolean;
  rootPool: string;
}
export interface Host extends Base {
  kind: 'host';
  folder: string;
  cluster: string | null;
  connectionState: 'CONNECTED' | 'DISCONNECTED' | 'NOT_RESPONDING';
  maintenance: boolean;
  cpuCores: number;
  memoryMiB: number;
}
export interface ResourcePool extends Base {
  kind: 'resource_pool';
  cluster: string;
  parent: string | null;
}
export interface Datastore extends Base {
  kind: 'datastore';
  folder: string;
  type: 'VMFS' | 'NFS' | 'VSAN' | 'VVOL';
  capacity: number;
  /** bytes taken by files that are not VM disks (ISOs, logs, other tenants) */
  otherUsed: number;
  accessible: boolean;
}
export interface Network extends Base {
  kind: 'network';
  folder: string;
  type: 'STANDARD_PORTGROUP' | 'DISTRIBUTED_PORTGROUP' | 'OPAQUE_NETWORK';
}

export type InventoryObject = Datacenter | Folder | Cluster | Host | ResourcePool | Datastore | Network;
type KindOf<K extends InventoryObject['kind']> = Extract<InventoryObject, { kind: K }>;

const KIND_NAMES: Record<InventoryObject['kind'], string> = {
  datacenter: 'Datacenter',
  folder: 'Folder',
  cluster: 'Cluster',
  host: 'Host',
  resource_pool: 'Resource pool',
  datastore: 'Datastore',
  network: 'Network',
};

export class Inventory {
  private cache: Map<string, InventoryObject> | undefined;
  /** bytes of VM disks per datastore, kept up to date as disks come and go */
  private readonly diskBytes = new Map<string, number>();

  constructor(private readonly store: Store) {}

  forgetCaches(): void {
    this.cache = undefined;
    this.diskBytes.clear();
  }

  add(object: InventoryObject): void {
    this.cache = undefined;
    const { id, kind, name, datacenter, ...data } = object;
    this.store.run('INSERT INTO vsphere_objects (id, kind, name, datacenter, data) VALUES (?, ?, ?, ?, ?)', id, kind, name, datacenter, JSON.stringify(data));
  }

  private objects(): Map<string, InventoryObject> {
    if (!this.cache) {
      const rows = this.store.all<{ id: string; kind: string; name: string; datacenter: string; data: string }>('SELECT * FROM vsphere_objects');
      this.cache = new Map(rows.map((r) => [r.id, { id: r.id, kind: r.kind, name: r.name, datacenter: r.datacenter, ...JSON.parse(r.data) } as InventoryObject]));
    }
    return this.cache;
  }

  /** Every object of a kind, in id order (vCenter lists in creation order; our ids grow with it). */
  all<K extends InventoryObject['kind']>(kind: K): Array<KindOf<K>> {
    return [...this.objects().values()].filter((o): o is KindOf<K> => o.kind === kind).sort((a, b) => idOrder(a.id, b.id));
  }

  find<K extends InventoryObject['kind']>(kind: K, id: string): KindOf<K> | undefined {
    const object = this.objects().get(id);
    return object?.kind === kind ? (object as KindOf<K>) : undefined;
  }

  /** The object, or vSphere's NOT_FOUND naming the kind that was expected. */
  require<K extends InventoryObject['kind']>(kind: K, id: string): KindOf<K> {
    const object = this.find(kind, id);
    if (!object) throw notFound(KIND_NAMES[kind], id);
    return object;
  }

  /** Bytes on the datastore taken by VM disks. */
  diskUsage(datastore: string): number {
    let used = this.diskBytes.get(datastore);
    if (used === undefined) {
      used = this.store.get<{ used: number }>('SELECT COALESCE(SUM(capacity), 0) AS used FROM vsphere_disks WHERE datastore = ?', datastore)?.used ?? 0;
      this.diskBytes.set(datastore, used);
    }
    return used;
  }

  /** Disks were added (+) or removed (-) on a datastore. */
  adjustUsage(datastore: string, bytes: number): void {
    const used = this.diskBytes.get(datastore);
    if (used !== undefined) this.diskBytes.set(datastore, used + bytes);
  }

  freeSpace(datastore: Datastore): number {
    return Math.max(0, datastore.capacity - datastore.otherUsed - this.diskUsage(datastore.id));
  }

  /** Hosts of a cluster, in id order. */
  hostsOf(cluster: string): Host[] {
    return this.all('host').filter((h) => h.cluster === cluster);
  }
}

/** Orders vCenter ids like vm-9 < vm-10 (prefix, then number). */
export function idOrder(a: string, b: string): number {
  return a.localeCompare(b, 'en', { numeric: true });
}
