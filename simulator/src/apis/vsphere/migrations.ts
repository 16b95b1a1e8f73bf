import type { Migration } from '../../core/store.js';

export const vsphereMigrations: Migration[] = [
  {
    id: 'vsphere/001-inventory',
    sql: `
    -- datacenters, folders, clusters, hosts, resource pools, datastores and networks: kind-specific fields in data
    CREATE TABLE vsphere_objects (id TEXT PRIMARY KEY, kind TEXT NOT NULL, name TEXT NOT NULL, datacenter TEXT NOT NULL, data TEXT NOT NULL);
    -- pending_task: the clone task that is creating the VM; such a VM is invisible until the task ends
    CREATE TABLE vsphere_vms (
      id TEXT PRIMARY KEY, name TEXT NOT NULL, datacenter TEXT NOT NULL, folder TEXT NOT NULL, resource_pool TEXT NOT NULL,
      host TEXT NOT NULL, cluster TEXT, power_state TEXT NOT NULL, cpu_count INTEGER NOT NULL, memory_mib INTEGER NOT NULL,
      guest_os TEXT NOT NULL, uuid TEXT NOT NULL, pending_task TEXT
    );
    CREATE INDEX vsphere_vms_folder_name ON vsphere_vms (folder, name);
    CREATE TABLE vsphere_disks (vm TEXT NOT NULL, key TEXT NOT NULL, label TEXT NOT NULL, capacity INTEGER NOT NULL, datastore TEXT NOT NULL, PRIMARY KEY (vm, key));
    CREATE INDEX vsphere_disks_datastore ON vsphere_disks (datastore);
    CREATE TABLE vsphere_customization_specs (name TEXT PRIMARY KEY, description TEXT NOT NULL, os_type TEXT NOT NULL);
    CREATE TABLE vsphere_users (name TEXT PRIMARY KEY, password TEXT NOT NULL, privileges TEXT NOT NULL);
    CREATE TABLE vsphere_sessions (id TEXT PRIMARY KEY, user TEXT NOT NULL, created_at INTEGER NOT NULL, last_used_at INTEGER NOT NULL);
    `,
  },
];
