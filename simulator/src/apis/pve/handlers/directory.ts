// PVE's directory indexes: what a client sees when it walks the API tree (GET /, /cluster, /access,
// /nodes/{node}, /nodes/{node}/qemu/{vmid}, .../status). Lists as PVE's own code builds them.
import type { PveOperation } from '../operation.js';

const rows = (key: string, names: string[]) => names.map((name) => ({ [key]: name }));

const CLUSTER = ['acme', 'backup', 'backup-info', 'bulk-action', 'ceph', 'config', 'firewall', 'ha', 'jobs', 'log', 'mapping', 'metrics', 'notifications', 'nextid', 'options', 'qemu', 'replication', 'resources', 'status', 'tasks', 'sdn'];
const NODE = [
  'aplinfo', 'apt', 'capabilities', 'ceph', 'certificates', 'config', 'disks', 'dns', 'firewall', 'hardware', 'hosts', 'journal', 'lxc',
  'migrateall', 'netstat', 'network', 'qemu', 'query-oci-repo-tags', 'query-url-metadata', 'replication', 'report', 'rrd', 'rrddata', 'scan',
  'sdn', 'services', 'spiceshell', 'startall', 'status', 'stopall', 'storage', 'subscription', 'suspendall', 'syslog', 'tasks', 'termproxy',
  'time', 'version', 'vncshell', 'vzdump', 'wakeonlan',
];
const VM = [
  'config', 'cloudinit', 'pending', 'status', 'unlink', 'vncproxy', 'termproxy', 'migrate', 'resize', 'move', 'rrd', 'rrddata', 'monitor',
  'agent', 'snapshot', 'spiceproxy', 'sendkey', 'firewall', 'mtunnel', 'remote_migrate',
];
const VM_STATUS = ['current', 'start', 'stop', 'reset', 'shutdown', 'suspend', 'reboot'];

export const directoryOperations: PveOperation[] = [
  { operationId: 'getRootIndex', method: 'GET', path: '/', handle: () => rows('subdir', ['version', 'cluster', 'nodes', 'storage', 'access', 'pools']) },
  { operationId: 'getClusterIndex', method: 'GET', path: '/cluster', handle: () => rows('name', CLUSTER) },
  {
    operationId: 'getAccessIndex',
    method: 'GET',
    path: '/access',
    handle: () => rows('subdir', ['users', 'groups', 'roles', 'acl', 'domains', 'openid', 'tfa', 'ticket', 'password']),
  },
  {
    operationId: 'getNodeIndex',
    method: 'GET',
    path: '/nodes/:node',
    handle({ params, model }) {
      model.inventory.requireNode(params.node);
      return rows('name', NODE);
    },
  },
  {
    operationId: 'getVmIndex',
    method: 'GET',
    path: '/nodes/:node/qemu/:vmid',
    handle({ params, model }) {
      // PVE does not look the VM up here
      model.inventory.requireNode(params.node);
      return rows('subdir', VM);
    },
  },
  {
    operationId: 'getVmStatusIndex',
    method: 'GET',
    path: '/nodes/:node/qemu/:vmid/status',
    handle({ params, model }) {
      model.requireVm(params.node, params.vmid);
      return rows('subdir', VM_STATUS);
    },
  },
];
