// Network devices in a VM configuration (`netN`: `virtio=BC:24:11:AA:BB:CC,bridge=vmbr0,firewall=1`) and
// the MAC addresses PVE gives them: its default prefix BC:24:11 plus three random bytes.
import type { Rng } from '../../../core/rng.js';
import type { PveModel } from './index.js';
import type { VmConfig } from './vms.js';

const NET_KEY = /^net\d+$/;
const MODELS = new Set(['e1000', 'e1000-82540em', 'e1000-82544gc', 'e1000-82545em', 'e1000e', 'i82551', 'i82557b', 'i82559er', 'ne2k_isa', 'ne2k_pci', 'pcnet', 'rtl8139', 'virtio', 'vmxnet3']);
const MAC = /^[0-9A-F]{2}(?::[0-9A-F]{2}){5}$/i;

export interface NetDevice {
  model: string;
  macaddr: string | undefined;
  bridge: string | undefined;
  /** the other options, in their order */
  options: string[];
}

export function randomMac(rng: Rng): string {
  const byte = () => rng.int(0, 255).toString(16).toUpperCase().padStart(2, '0');
  return `BC:24:11:${byte()}:${byte()}:${byte()}`;
}

/** A MAC derived from a number (scenario VMs: stable whatever the seed). */
export function macFor(n: number): string {
  const h = (Math.imul(n ^ 0x5bd1e995, 0x9e3779b1) >>> 8) & 0xffffff;
  return `BC:24:11:${[h >> 16, (h >> 8) & 0xff, h & 0xff].map((b) => b.toString(16).toUpperCase().padStart(2, '0')).join(':')}`;
}

/** `virtio,bridge=vmbr0`, `virtio=AA:..,bridge=vmbr0` or `model=virtio,macaddr=AA:..,bridge=vmbr0`. */
export function parseNet(value: string): NetDevice | undefined {
  const device: NetDevice = { model: '', macaddr: undefined, bridge: undefined, options: [] };
  for (const part of value.split(',').filter(Boolean)) {
    const eq = part.indexOf('=');
    const [k, v] = eq < 0 ? [part, undefined] : [part.slice(0, eq), part.slice(eq + 1)];
    if (MODELS.has(k) && !device.model) {
      device.model = k;
      if (v !== undefined) device.macaddr = v;
    } else if (k === 'model' && v !== undefined) device.model = v;
    else if (k === 'macaddr' && v !== undefined) device.macaddr = v;
    else if (k === 'bridge' && v !== undefined) device.bridge = v;
    else device.options.push(part);
  }
  if (!MODELS.has(device.model)) return undefined;
  if (device.macaddr !== undefined && !MAC.test(device.macaddr)) return undefined;
  return device;
}

export function printNet(device: NetDevice): string {
  return [`${device.model}=${device.macaddr ?? ''}`, ...(device.bridge ? [`bridge=${device.bridge}`] : []), ...device.options].join(',');
}

export function netKeys(config: VmConfig): string[] {
  return Object.keys(config).filter((k) => NET_KEY.test(k));
}

/** Every netN gets a new MAC (a clone: PVE always changes them). */
export function renewMacs(config: VmConfig, rng: Rng): void {
  for (const key of netKeys(config)) {
    const device = parseNet(String(config[key]));
    if (device) config[key] = printNet({ ...device, macaddr: randomMac(rng) });
  }
}

/** netN without a MAC get one (a create or a config update). */
export function addMissingMacs(config: VmConfig, rng: Rng): void {
  for (const key of netKeys(config)) {
    const device = parseNet(String(config[key]));
    if (device && device.macaddr === undefined) config[key] = printNet({ ...device, macaddr: randomMac(rng) });
  }
}

/** A node's address on the management network (vmbr0): 10.0.0.11, .12, ... in name order. */
export function nodeAddress(model: PveModel, node: string): string {
  const index = model.inventory.nodes().findIndex((n) => n.name === node);
  return `10.0.0.${11 + Math.max(0, index)}`;
}
