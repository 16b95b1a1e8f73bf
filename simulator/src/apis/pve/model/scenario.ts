// Fills an empty store from the `pve` section of a scenario (see simulator/src/scenarios/default.yaml).
import { ScenarioError } from '../../../core/scenario.js';
import type { PveModel } from './index.js';
import { defaultFormat, volumeId } from './inventory.js';
import { type GenerateSizes, generateInventory } from './generate.js';
import { macFor } from './network.js';
import { DEFAULT_TIMING, type Timing } from './timing.js';
import { GiB } from './units.js';
import { formatDisk, type VmConfig } from './vms.js';

interface VmSpec {
  vmid: number;
  node: string;
  name: string;
  template?: boolean;
  status?: 'running' | 'stopped';
  cores?: number;
  sockets?: number;
  memory?: number;
  disks?: Array<{ key: string; storage: string; sizeGiB: number }>;
  config?: VmConfig;
  /** oldest first; each is the parent of the next */
  snapshots?: Array<{ name: string; description?: string }>;
}

interface PveScenario {
  nodes?: Array<{ name: string; cores: number; memoryGiB: number; status?: 'online' | 'offline' }>;
  storages?: Array<{ id: string; type: string; content?: string; shared?: boolean; sizeGiB: number; nodes?: string[] }>;
  vms?: VmSpec[];
  users?: Array<{ userid: string; password: string; privileges: string[] | '*' }>;
  tokens?: Array<{ tokenid: string; secret: string }>;
  timing?: Partial<Timing>;
  pools?: Array<{ poolid: string; comment?: string }>;
  bridges?: string[];
  /** where guest agents take their addresses from, e.g. 10.10.0.0/16 */
  guestNetwork?: string;
  /** a large generated inventory on top (see model/generate.ts) */
  generate?: GenerateSizes;
}

export function loadPveScenario(model: PveModel, section: unknown, generate?: Record<string, unknown>): void {
  const s = (section ?? {}) as PveScenario;
  const fail = (message: string): never => {
    throw new ScenarioError(`scenario pve: ${message}`);
  };
  if (typeof s !== 'object' || Array.isArray(s)) fail('expected an object');
  model.access.setKey(model.ctx.rng.hex(64));
  if (s.timing) {
    for (const key of Object.keys(s.timing)) if (!(key in DEFAULT_TIMING)) fail(`timing.${key} is not a known timing (known: ${Object.keys(DEFAULT_TIMING).join(', ')})`);
    model.setTiming(s.timing);
  } else model.setTiming({});
  const now = model.now();
  for (const n of s.nodes ?? []) {
    if (typeof n.name !== 'string' || !Number.isInteger(n.cores) || typeof n.memoryGiB !== 'number') fail(`node ${JSON.stringify(n)} needs name, cores and memoryGiB`);
    model.inventory.addNode({ name: n.name, cores: n.cores, memory: Math.round(n.memoryGiB * GiB), status: n.status ?? 'online', bootedAt: now - 86_400_000 });
  }
  for (const st of s.storages ?? []) {
    if (typeof st.id !== 'string' || typeof st.type !== 'string' || typeof st.sizeGiB !== 'number') fail(`storage ${JSON.stringify(st)} needs id, type and sizeGiB`);
    model.inventory.addStorage({ id: st.id, type: st.type, content: st.content ?? 'images,rootdir', shared: st.shared ?? false, total: Math.round(st.sizeGiB * GiB), nodes: st.nodes ?? [] });
  }
  if (s.bridges !== undefined && (!Array.isArray(s.bridges) || !s.bridges.every((b) => typeof b === 'string'))) fail('bridges must be a list of names');
  model.setBridges(s.bridges ?? ['vmbr0']);
  if (s.guestNetwork !== undefined && !/^\d+\.\d+\.\d+\.\d+\/(?:[89]|[12]\d|30)$/.test(String(s.guestNetwork))) fail('guestNetwork must be an IPv4 CIDR with a prefix of 8 to 30, e.g. 10.10.0.0/16');
  model.ctx.store.setMeta('pve.guestNetwork', s.guestNetwork ?? '10.10.0.0/16');
  for (const p of s.pools ?? []) {
    if (typeof p.poolid !== 'string' || !/^[A-Za-z0-9_.-]+$/.test(p.poolid)) fail(`pool ${JSON.stringify(p)} needs a poolid`);
    model.pools.add({ poolid: p.poolid, comment: p.comment ?? '' });
  }
  for (const vm of s.vms ?? []) loadVm(model, vm, fail);
  const sizes = s.generate ?? (generate as GenerateSizes | undefined);
  if (sizes !== undefined) {
    if (typeof sizes !== 'object' || sizes === null) fail('generate must be an object such as {nodes: 16, vms: 10000}');
    generateInventory(model, sizes);
  }
  for (const u of s.users ?? []) {
    if (typeof u.userid !== 'string' || !u.userid.includes('@') || typeof u.password !== 'string') fail(`user ${JSON.stringify(u)} needs userid (USER@REALM) and password`);
    model.access.addUser(u.userid, u.password, u.privileges === '*' ? ['*'] : u.privileges);
  }
  for (const t of s.tokens ?? []) {
    if (typeof t.tokenid !== 'string' || !t.tokenid.includes('!') || typeof t.secret !== 'string') fail(`token ${JSON.stringify(t)} needs tokenid (USER@REALM!NAME) and secret`);
    model.access.addToken(t.tokenid, t.secret);
  }
}

function loadVm(model: PveModel, vm: VmSpec, fail: (message: string) => never): void {
  if (!Number.isInteger(vm.vmid) || vm.vmid < 100) fail(`vm ${JSON.stringify(vm.vmid)}: vmid must be an integer >= 100`);
  if (!model.inventory.node(vm.node)) fail(`vm ${vm.vmid}: unknown node '${vm.node}'`);
  const template = vm.template ?? false;
  const config: VmConfig = {
    name: vm.name,
    cores: vm.cores ?? 2,
    sockets: vm.sockets ?? 1,
    memory: vm.memory ?? 2048,
    ostype: 'l26',
    scsihw: 'virtio-scsi-single',
    net0: `virtio=${macFor(vm.vmid)},bridge=vmbr0`,
    boot: 'order=scsi0',
    ...(template ? { template: 1 } : {}),
    ...(vm.config ?? {}),
  };
  (vm.disks ?? []).forEach((disk, index) => {
    const storage = model.inventory.storage(disk.storage) ?? fail(`vm ${vm.vmid}: unknown storage '${disk.storage}'`);
    const format = defaultFormat(storage);
    const volid = volumeId(storage, vm.vmid, index, format, template);
    const size = Math.round(disk.sizeGiB * GiB);
    model.inventory.addVolume({ volid, storage: storage.id, node: vm.node, vmid: vm.vmid, size, format, ctime: Math.floor(model.now() / 1000) });
    config[disk.key] = formatDisk({ volid, size, options: 'iothread=1' });
  });
  let parent: string | null = null;
  for (const snap of vm.snapshots ?? []) {
    if (typeof snap.name !== 'string' || !/^[a-zA-Z][a-zA-Z0-9_-]+$/.test(snap.name)) fail(`vm ${vm.vmid}: snapshot ${JSON.stringify(snap)} needs a name`);
    const at = Math.floor(model.now() / 1000) - 86_400;
    model.snapshots.save({ vmid: vm.vmid, name: snap.name, parent, snaptime: at, vmstate: false, description: snap.description ?? '', snapstate: null, config: { ...config, ...(parent ? { parent } : {}) } });
    parent = snap.name;
  }
  if (parent) config.parent = parent;
  const running = vm.status === 'running';
  model.vms.insert({ vmid: vm.vmid, node: vm.node, status: running ? 'running' : 'stopped', template, lock: null, config, startedAt: running ? model.now() - 3_600_000 : null, pid: running ? 4000 + vm.vmid : null });
}
