// Where a clone goes: the fields of ClonePlacementSpec that are given, the rest taken from the source VM.
// Fields that do not fit together ("disjoint placement") are an INVALID_ARGUMENT.
import { invalidArgument, VsphereError } from '../errors.js';
import type { Datastore, Host, Inventory } from './inventory.js';
import type { Vm } from './vms.js';

export interface ClonePlacement {
  folder?: string;
  resource_pool?: string;
  host?: string;
  cluster?: string;
  datastore?: string;
}

export interface Placement {
  datacenter: string;
  folder: string;
  resourcePool: string;
  host: Host;
  cluster: string | null;
  /** the default datastore of the copied disks (undefined: each disk stays on its source datastore) */
  datastore: Datastore | undefined;
}

const disjoint = (what: string) => invalidArgument('com.vmware.api.vcenter.vm.clone.placement.disjoint', `The placement is disjoint: ${what}.`, [what]);

export function resolvePlacement(inventory: Inventory, source: Vm, requested: ClonePlacement = {}): Placement {
  const folder = requested.folder === undefined ? inventory.require('folder', source.folder) : inventory.require('folder', requested.folder);
  if (folder.type !== 'VIRTUAL_MACHINE') throw invalidArgument('com.vmware.api.vcenter.vm.clone.placement.folder.type', `Folder '${folder.id}' cannot hold virtual machines.`, [folder.id]);
  const cluster = requested.cluster === undefined ? undefined : inventory.require('cluster', requested.cluster);
  const pool = requested.resource_pool === undefined ? undefined : inventory.require('resource_pool', requested.resource_pool);
  let host = requested.host === undefined ? undefined : inventory.require('host', requested.host);
  const datastore = requested.datastore === undefined ? undefined : inventory.require('datastore', requested.datastore);

  if (cluster && pool && pool.cluster !== cluster.id) throw disjoint(`resource pool ${pool.id} is not in cluster ${cluster.id}`);
  if (cluster && host && host.cluster !== cluster.id) throw disjoint(`host ${host.id} is not in cluster ${cluster.id}`);
  if (pool && host && host.cluster !== pool.cluster) throw disjoint(`host ${host.id} is not in the cluster of resource pool ${pool.id}`);
  const clusterId = cluster?.id ?? pool?.cluster ?? host?.cluster ?? undefined;
  if (!host) {
    const sourceHost = inventory.require('host', source.host);
    host = clusterId === undefined || sourceHost.cluster === clusterId ? sourceHost : inventory.hostsOf(clusterId).find(usable) ?? inventory.hostsOf(clusterId)[0];
    if (!host) throw disjoint(`cluster ${clusterId} has no host`);
  }
  const finalCluster = host.cluster;
  const resourcePool = pool?.id ?? (finalCluster === source.cluster ? source.resourcePool : finalCluster ? inventory.require('cluster', finalCluster).rootPool : source.resourcePool);
  const datacenters = new Set([folder.datacenter, host.datacenter, ...(datastore ? [datastore.datacenter] : [])]);
  if (datacenters.size > 1) throw disjoint('the folder, host and datastore are in different datacenters');
  return { datacenter: folder.datacenter, folder: folder.id, resourcePool, host, cluster: finalCluster, datastore };
}

/** A host that cannot take the clone: RESOURCE_INACCESSIBLE when unreachable, ERROR in maintenance mode. */
export function hostProblem(host: Host): VsphereError | undefined {
  if (host.connectionState !== 'CONNECTED')
    return new VsphereError('RESOURCE_INACCESSIBLE', 'com.vmware.api.vcenter.vm.clone.host.inaccessible', `Host '${host.id}' is not accessible (${host.connectionState}).`, [host.id]);
  if (host.maintenance)
    return new VsphereError('ERROR', 'com.vmware.api.vcenter.vm.clone.host.maintenance', `Host '${host.id}' is in maintenance mode and cannot run new virtual machines.`, [host.id]);
  return undefined;
}

function usable(host: Host): boolean {
  return host.connectionState === 'CONNECTED' && !host.maintenance;
}
