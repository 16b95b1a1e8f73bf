// The placement inventory: datacenters, folders, clusters, hosts, resource pools, datastores, networks.
// Every list takes vCenter's filters as repeated query parameters; an unset or empty filter matches all.
import type { InventoryObject } from '../model/inventory.js';
import type { VsphereModel } from '../model/index.js';
import type { Params, VsphereOperation } from '../operation.js';

type Matcher<T> = Array<[param: string, value: (object: T) => string | null | Array<string | null>]>;

/** Objects for which every given filter holds. */
function filtered<T extends InventoryObject>(objects: T[], params: Params, matchers: Matcher<T>): T[] {
  return objects.filter((object) =>
    matchers.every(([param, value]) => {
      const wanted = params[param] as string[] | undefined;
      if (wanted === undefined || wanted.length === 0) return true;
      const actual = value(object);
      return (Array.isArray(actual) ? actual : [actual]).some((v) => v !== null && wanted.includes(v));
    }),
  );
}

const folderOf = (o: InventoryObject) => ('folder' in o ? o.folder : null);

export const inventoryOperations: VsphereOperation[] = [
  {
    operationId: 'listDatacenters',
    method: 'GET',
    path: '/vcenter/datacenter',
    handle: ({ model, params }) =>
      filtered(model.inventory.all('datacenter'), params, [
        ['datacenters', (d) => d.id],
        ['names', (d) => d.name],
        ['folders', () => 'group-d1'],
      ]).map((d) => ({ datacenter: d.id, name: d.name })),
  },
  {
    operationId: 'getDatacenter',
    method: 'GET',
    path: '/vcenter/datacenter/:datacenter',
    handle({ model, params }) {
      const d = model.inventory.require('datacenter', params.datacenter);
      return { name: d.name, datastore_folder: d.datastoreFolder, host_folder: d.hostFolder, network_folder: d.networkFolder, vm_folder: d.vmFolder };
    },
  },
  {
    operationId: 'listFolders',
    method: 'GET',
    path: '/vcenter/folder',
    handle: ({ model, params }) =>
      filtered(model.inventory.all('folder'), params, [
        ['folders', (f) => f.id],
        ['names', (f) => f.name],
        ['type', (f) => f.type],
        ['parent_folders', (f) => f.parent],
        ['datacenters', (f) => f.datacenter],
      ]).map((f) => ({ folder: f.id, name: f.name, type: f.type })),
  },
  {
    operationId: 'listClusters',
    method: 'GET',
    path: '/vcenter/cluster',
    handle: ({ model, params }) =>
      filtered(model.inventory.all('cluster'), params, [
        ['clusters', (c) => c.id],
        ['names', (c) => c.name],
        ['folders', (c) => c.folder],
        ['datacenters', (c) => c.datacenter],
      ]).map((c) => ({ cluster: c.id, name: c.name, ha_enabled: c.haEnabled, drs_enabled: c.drsEnabled })),
  },
  {
    operationId: 'listHosts',
    method: 'GET',
    path: '/vcenter/host',
    handle({ model, params }) {
      const standalone = params.standalone as boolean | undefined;
      return filtered(model.inventory.all('host'), params, [
        ['hosts', (h) => h.id],
        ['names', (h) => h.name],
        ['folders', (h) => h.folder],
        ['datacenters', (h) => h.datacenter],
        ['clusters', (h) => h.cluster],
        ['connection_states', (h) => h.connectionState],
      ])
        .filter((h) => standalone === undefined || standalone === (h.cluster === null))
        .map((h) => ({ host: h.id, name: h.name, connection_state: h.connectionState, ...(h.connectionState === 'CONNECTED' ? { power_state: 'POWERED_ON' } : {}) }));
    },
  },
  {
    operationId: 'listResourcePools',
    method: 'GET',
    path: '/vcenter/resource-pool',
    handle: ({ model, params }) =>
      filtered(model.inventory.all('resource_pool'), params, [
        ['resource_pools', (r) => r.id],
        ['names', (r) => r.name],
        ['parent_resource_pools', (r) => r.parent],
        ['datacenters', (r) => r.datacenter],
        ['clusters', (r) => r.cluster],
        ['hosts', (r) => model.inventory.hostsOf(r.cluster).map((h) => h.id)],
      ]).map((r) => ({ resource_pool: r.id, name: r.name })),
  },
  {
    operationId: 'listDatastores',
    method: 'GET',
    path: '/vcenter/datastore',
    handle: ({ model, params }) =>
      filtered(model.inventory.all('datastore'), params, [
        ['datastores', (d) => d.id],
        ['names', (d) => d.name],
        ['types', (d) => d.type],
        ['folders', folderOf],
        ['datacenters', (d) => d.datacenter],
      ]).map((d) => ({ datastore: d.id, name: d.name, type: d.type, free_space: model.inventory.freeSpace(d), capacity: d.capacity })),
  },
  {
    operationId: 'getDatastore',
    method: 'GET',
    path: '/vcenter/datastore/:datastore',
    handle({ model, params }) {
      const d = model.inventory.require('datastore', params.datastore);
      return { name: d.name, type: d.type, accessible: d.accessible, free_space: model.inventory.freeSpace(d), capacity: d.capacity, multiple_host_access: true, thin_provisioning_supported: true };
    },
  },
  {
    operationId: 'listNetworks',
    method: 'GET',
    path: '/vcenter/network',
    handle: ({ model, params }) =>
      filtered(model.inventory.all('network'), params, [
        ['networks', (n) => n.id],
        ['names', (n) => n.name],
        ['types', (n) => n.type],
        ['folders', folderOf],
        ['datacenters', (n) => n.datacenter],
      ]).map((n) => ({ network: n.id, name: n.name, type: n.type })),
  },
];
