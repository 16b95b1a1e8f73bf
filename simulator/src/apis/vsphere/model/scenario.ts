// Fills an empty store from the `vsphere` section of a scenario (see simulator/src/scenarios/default.yaml).
import { ScenarioError } from '../../../core/scenario.js';
import type { VsphereModel } from './index.js';
import type { Datastore, FolderType, Host, Network } from './inventory.js';
import type { PowerState } from './vms.js';

const GiB = 1024 ** 3;

interface DatacenterSpec {
  id: string;
  name: string;
  /** ids of the four root folders; default group-v/h/s/n + the datacenter's number */
  folders?: { vm?: string; host?: string; datastore?: string; network?: string };
  vmFolders?: Array<{ id: string; name: string }>;
  clusters?: Array<{
    id: string;
    name: string;
    rootPool: string;
    ha?: boolean;
    drs?: boolean;
    hosts: Array<{ id: string; name: string; state?: Host['connectionState']; maintenance?: boolean; cpuCores?: number; memoryGiB?: number }>;
    resourcePools?: Array<{ id: string; name: string }>;
  }>;
  datastores?: Array<{ id: string; name: string; type?: Datastore['type']; capacityGiB: number; usedGiB?: number; accessible?: boolean }>;
  networks?: Array<{ id: string; name: string; type?: Network['type'] }>;
}

interface VmSpec {
  id: string;
  name: string;
  folder: string;
  host: string;
  resourcePool?: string;
  power?: PowerState;
  cpu?: number;
  memoryMiB?: number;
  guestOs?: string;
  disks?: Array<{ datastore: string; capacityGiB: number }>;
}

interface VsphereScenario {
  datacenters?: DatacenterSpec[];
  vms?: VmSpec[];
  customizationSpecs?: Array<{ name: string; description?: string; osType?: 'LINUX' | 'WINDOWS' }>;
  users?: Array<{ name: string; password: string; privileges: string[] | '*' }>;
}

export function loadVsphereScenario(model: VsphereModel, section: unknown): void {
  const s = (section ?? {}) as VsphereScenario;
  const fail = (message: string): never => {
    throw new ScenarioError(`scenario vsphere: ${message}`);
  };
  if (typeof s !== 'object' || Array.isArray(s)) fail('expected an object');
  const inv = model.inventory;
  const rootFolder = 'group-d1';
  if ((s.datacenters ?? []).length > 0) inv.add({ kind: 'folder', id: rootFolder, name: 'Datacenters', datacenter: '', type: 'DATACENTER', parent: null });
  for (const dc of s.datacenters ?? []) {
    if (typeof dc.id !== 'string' || !/^datacenter-\d+$/.test(dc.id) || typeof dc.name !== 'string') fail(`datacenter ${JSON.stringify(dc.id)} needs an id datacenter-N and a name`);
    const n = dc.id.slice('datacenter-'.length);
    const folders = { vm: `group-v${n}`, host: `group-h${n}`, datastore: `group-s${n}`, network: `group-n${n}`, ...(dc.folders ?? {}) };
    inv.add({ kind: 'datacenter', id: dc.id, name: dc.name, datacenter: dc.id, vmFolder: folders.vm, hostFolder: folders.host, datastoreFolder: folders.datastore, networkFolder: folders.network });
    const folder = (id: string, name: string, type: FolderType, parent: string | null) => inv.add({ kind: 'folder', id, name, datacenter: dc.id, type, parent });
    folder(folders.vm, 'vm', 'VIRTUAL_MACHINE', null);
    folder(folders.host, 'host', 'HOST', null);
    folder(folders.datastore, 'datastore', 'DATASTORE', null);
    folder(folders.network, 'network', 'NETWORK', null);
    for (const f of dc.vmFolders ?? []) folder(f.id, f.name, 'VIRTUAL_MACHINE', folders.vm);
    for (const c of dc.clusters ?? []) {
      inv.add({ kind: 'cluster', id: c.id, name: c.name, datacenter: dc.id, folder: folders.host, haEnabled: c.ha ?? true, drsEnabled: c.drs ?? true, rootPool: c.rootPool });
      inv.add({ kind: 'resource_pool', id: c.rootPool, name: 'Resources', datacenter: dc.id, cluster: c.id, parent: null });
      for (const rp of c.resourcePools ?? []) inv.add({ kind: 'resource_pool', id: rp.id, name: rp.name, datacenter: dc.id, cluster: c.id, parent: c.rootPool });
      for (const h of c.hosts ?? [])
        inv.add({
          kind: 'host', id: h.id, name: h.name, datacenter: dc.id, folder: folders.host, cluster: c.id, connectionState: h.state ?? 'CONNECTED',
          maintenance: h.maintenance ?? false, cpuCores: h.cpuCores ?? 32, memoryMiB: (h.memoryGiB ?? 256) * 1024,
        });
    }
    for (const d of dc.datastores ?? []) {
      if (typeof d.capacityGiB !== 'number') fail(`datastore ${d.id} needs capacityGiB`);
      inv.add({
        kind: 'datastore', id: d.id, name: d.name, datacenter: dc.id, folder: folders.datastore, type: d.type ?? 'VMFS',
        capacity: Math.round(d.capacityGiB * GiB), otherUsed: Math.round((d.usedGiB ?? 0) * GiB), accessible: d.accessible ?? true,
      });
    }
    for (const net of dc.networks ?? []) inv.add({ kind: 'network', id: net.id, name: net.name, datacenter: dc.id, folder: folders.network, type: net.type ?? 'STANDARD_PORTGROUP' });
  }
  let highest = 1000;
  for (const vm of s.vms ?? []) {
    const m = /^vm-(\d+)$/.exec(String(vm.id));
    if (!m) fail(`vm ${JSON.stringify(vm.id)}: the id must look like vm-N`);
    const host = inv.find('host', vm.host) ?? fail(`vm ${vm.id}: unknown host '${vm.host}'`);
    const folder = inv.find('folder', vm.folder) ?? fail(`vm ${vm.id}: unknown folder '${vm.folder}'`);
    const cluster = host.cluster ? inv.require('cluster', host.cluster) : undefined;
    const pool = vm.resourcePool ?? cluster?.rootPool ?? fail(`vm ${vm.id}: resourcePool is needed on a standalone host`);
    if (!inv.find('resource_pool', pool)) fail(`vm ${vm.id}: unknown resource pool '${pool}'`);
    const disks = (vm.disks ?? []).map((d, i) => {
      if (!inv.find('datastore', d.datastore)) fail(`vm ${vm.id}: unknown datastore '${d.datastore}'`);
      return { vm: vm.id, key: String(2000 + i), label: `Hard disk ${i + 1}`, capacity: Math.round(d.capacityGiB * GiB), datastore: d.datastore };
    });
    model.vms.insert(
      {
        id: vm.id, name: vm.name, datacenter: folder.datacenter, folder: folder.id, resourcePool: pool, host: host.id, cluster: host.cluster,
        powerState: vm.power ?? 'POWERED_OFF', cpuCount: vm.cpu ?? 2, memoryMiB: vm.memoryMiB ?? 4096, guestOs: vm.guestOs ?? 'UBUNTU_64',
        uuid: model.ctx.rng.uuid(), pendingTask: null,
      },
      disks,
    );
    highest = Math.max(highest, Number(m![1]));
  }
  model.reserveVmIds(highest);
  for (const c of s.customizationSpecs ?? [])
    model.store.run('INSERT INTO vsphere_customization_specs (name, description, os_type) VALUES (?, ?, ?)', c.name, c.description ?? '', c.osType ?? 'LINUX');
  for (const u of s.users ?? []) {
    if (typeof u.name !== 'string' || typeof u.password !== 'string') fail(`user ${JSON.stringify(u)} needs name and password`);
    model.access.addUser(u.name, u.password, u.privileges === '*' ? ['*'] : u.privileges);
  }
}
