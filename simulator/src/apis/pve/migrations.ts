import type { Migration } from '../../core/store.js';

export const pveMigrations: Migration[] = [
  {
    id: 'pve/001-inventory',
    sql: `
    CREATE TABLE pve_nodes (name TEXT PRIMARY KEY, cores INTEGER NOT NULL, memory INTEGER NOT NULL, status TEXT NOT NULL, booted_at INTEGER NOT NULL);
    -- nodes: comma-separated node names, or '' for every node; a non-shared storage has its capacity on each node
    CREATE TABLE pve_storages (id TEXT PRIMARY KEY, type TEXT NOT NULL, content TEXT NOT NULL, shared INTEGER NOT NULL, total INTEGER NOT NULL, nodes TEXT NOT NULL);
    -- node is where a non-shared volume lives (for a shared storage it is informative only)
    CREATE TABLE pve_volumes (volid TEXT PRIMARY KEY, storage TEXT NOT NULL, node TEXT NOT NULL, vmid INTEGER NOT NULL, size INTEGER NOT NULL, format TEXT NOT NULL, ctime INTEGER NOT NULL);
    CREATE INDEX pve_volumes_storage ON pve_volumes (storage, node);
    CREATE INDEX pve_volumes_vmid ON pve_volumes (vmid);
    CREATE TABLE pve_vms (vmid INTEGER PRIMARY KEY, node TEXT NOT NULL, status TEXT NOT NULL, template INTEGER NOT NULL, lock TEXT, config TEXT NOT NULL, started_at INTEGER, pid INTEGER);
    CREATE INDEX pve_vms_node ON pve_vms (node, vmid);
    CREATE TABLE pve_vmid_reservations (vmid INTEGER PRIMARY KEY, expires_at INTEGER NOT NULL);
    CREATE TABLE pve_users (userid TEXT PRIMARY KEY, password TEXT NOT NULL, privileges TEXT NOT NULL, enabled INTEGER NOT NULL);
    CREATE TABLE pve_tokens (tokenid TEXT PRIMARY KEY, userid TEXT NOT NULL, secret TEXT NOT NULL);
    `,
  },
  {
    // reservations of `nextid` moved to memory (see model/nextid.ts)
    id: 'pve/002-no-vmid-reservations',
    sql: 'DROP TABLE pve_vmid_reservations;',
  },
  {
    // snapshots (one row each, the VM's configuration at the time as JSON) and resource pools
    id: 'pve/003-snapshots-pools',
    sql: `
    CREATE TABLE pve_snapshots (vmid INTEGER NOT NULL, name TEXT NOT NULL, parent TEXT, snaptime INTEGER NOT NULL, vmstate INTEGER NOT NULL,
      description TEXT NOT NULL, snapstate TEXT, config TEXT NOT NULL, PRIMARY KEY (vmid, name));
    CREATE TABLE pve_pools (poolid TEXT PRIMARY KEY, comment TEXT NOT NULL);
    -- type: 'qemu' (id = vmid) or 'storage' (id = storage id)
    CREATE TABLE pve_pool_members (poolid TEXT NOT NULL, type TEXT NOT NULL, id TEXT NOT NULL, PRIMARY KEY (type, id));
    `,
  },
];
