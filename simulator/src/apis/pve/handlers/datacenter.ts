// Datacenter-wide configuration that tools read: storage definitions, cluster membership, each node's
// network interfaces, users and authentication realms.
import { hasPrivilege } from '../auth.js';
import { PveError } from '../errors.js';
import type { Storage } from '../model/inventory.js';
import { nodeAddress } from '../model/network.js';
import type { PveOperation } from '../operation.js';
import { configDigest } from '../model/vms.js';

/** A storage definition as storage.cfg holds it (type-specific keys included). */
function storageConfig(storage: Storage) {
  const specific: Record<string, string> =
    storage.type === 'lvmthin' ? { thinpool: 'data', vgname: 'pve' }
    : storage.type === 'lvm' ? { vgname: 'pve' }
    : storage.type === 'nfs' ? { server: '10.0.0.5', export: `/export/${storage.id}`, path: `/mnt/pve/${storage.id}`, options: 'vers=4.2' }
    : storage.type === 'dir' ? { path: `/var/lib/vz` }
    : {};
  const base = { storage: storage.id, type: storage.type, content: storage.content, ...specific, ...(storage.nodes.length > 0 ? { nodes: storage.nodes.join(',') } : {}) };
  // dir/lvm storages need `shared` spelled out; nfs, rbd and the like are shared by nature
  const shared = storage.shared && (storage.type === 'dir' || storage.type === 'lvm') ? { shared: 1 } : {};
  return { ...base, ...shared, digest: configDigest(base) };
}

export const datacenterOperations: PveOperation[] = [
  {
    operationId: 'listStorageConfig',
    method: 'GET',
    path: '/storage',
    handle({ params, model, caller }) {
      if (!hasPrivilege(caller, 'Datastore.Audit')) return [];
      return model.inventory.storages().filter((s) => params.type === undefined || s.type === params.type).map(storageConfig);
    },
  },
  {
    operationId: 'getStorageConfig',
    method: 'GET',
    path: '/storage/:storage',
    privilege: (p) => [`/storage/${p.storage}`, 'Datastore.Audit'],
    handle({ params, model }) {
      const storage = model.inventory.storage(params.storage);
      if (!storage) throw new PveError(`storage '${params.storage}' does not exist`);
      return storageConfig(storage);
    },
  },
  {
    operationId: 'getClusterStatus',
    method: 'GET',
    path: '/cluster/status',
    privilege: () => ['/', 'Sys.Audit'],
    handle({ model }) {
      const nodes = model.inventory.nodes();
      return [
        { type: 'cluster', id: 'cluster', name: 'hypersim', nodes: nodes.length, version: nodes.length + 1, quorate: 1 },
        ...nodes.map((n, i) => ({ type: 'node', id: `node/${n.name}`, name: n.name, nodeid: i + 1, ip: nodeAddress(model, n.name), local: i === 0 ? 1 : 0, online: n.status === 'online' ? 1 : 0, level: '' })),
      ];
    },
  },
  {
    operationId: 'listNodeNetwork',
    method: 'GET',
    path: '/nodes/:node/network',
    privilege: (p) => [`/nodes/${p.node}`, 'Sys.Audit'],
    handle({ params, model }) {
      model.inventory.requireNode(params.node);
      const address = nodeAddress(model, params.node);
      const nics = model.bridges().map((_, i) => ({ iface: `eno${i + 1}`, type: 'eth', method: 'manual', method6: 'manual', active: 1, exists: 1, families: ['inet'], priority: i + 1 }));
      const bridges = model.bridges().map((bridge, i) => ({
        iface: bridge,
        type: 'bridge',
        method: i === 0 ? 'static' : 'manual',
        method6: 'manual',
        active: 1,
        autostart: 1,
        bridge_ports: `eno${i + 1}`,
        bridge_stp: 'off',
        bridge_fd: '0',
        families: ['inet'],
        priority: nics.length + i + 1,
        ...(i === 0 ? { cidr: `${address}/24`, address, netmask: '24', gateway: '10.0.0.1' } : {}),
      }));
      const all = [...nics, ...bridges];
      const wanted = params.type === undefined ? all : params.type === 'any_bridge' ? bridges : all.filter((i) => i.type === params.type);
      return wanted.sort((a, b) => a.iface.localeCompare(b.iface));
    },
  },
  {
    operationId: 'listUsers',
    method: 'GET',
    path: '/access/users',
    handle({ params, model, caller }) {
      const canSeeAll = hasPrivilege(caller, 'User.Modify') || hasPrivilege(caller, 'Sys.Audit');
      const own = caller.userid.split('!')[0];
      return model.access
        .allUsers()
        .filter((u) => canSeeAll || u.userid === own)
        .filter((u) => params.enabled === undefined || (params.enabled === 1) === u.enabled)
        .map((u) => ({
          userid: u.userid,
          enable: u.enabled ? 1 : 0,
          expire: 0,
          'realm-type': u.userid.slice(u.userid.lastIndexOf('@') + 1) === 'pam' ? 'pam' : 'pve',
          ...(params.full === 1 ? { tokens: model.access.tokensOf(u.userid).map((tokenid) => ({ tokenid, expire: 0, privsep: 0 })) } : {}),
        }));
    },
  },
  {
    operationId: 'listDomains',
    method: 'GET',
    path: '/access/domains',
    public: true,
    handle: () => [
      { realm: 'pam', type: 'pam', comment: 'Linux PAM standard authentication' },
      { realm: 'pve', type: 'pve', comment: 'Proxmox VE authentication server' },
    ],
  },
];
