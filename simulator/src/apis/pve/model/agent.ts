// The QEMU guest agent of a running VM with `agent: 1`: ping and its network interfaces. Addresses come
// from the cloud-init `ipconfig0` when it is static, else from the scenario's guest network (default
// 10.10.0.0/16), one address per vmid, so they are the same on every run.
import { PveError } from '../errors.js';
import type { PveModel } from './index.js';
import { netKeys, parseNet } from './network.js';
import type { Vm } from './vms.js';

const DEFAULT_GUEST_NETWORK = '10.10.0.0/16';

/** PVE's assert_agent_available, in its order. */
export function requireAgent(model: PveModel, node: string, vmid: number): Vm {
  const vm = model.requireVm(node, vmid);
  if (vm.config.agent === undefined) throw new PveError('No QEMU guest agent configured');
  if (vm.status !== 'running') throw new PveError(`VM ${vmid} is not running`);
  // an agent that is configured but disabled does not answer the ping PVE sends first
  if (!/^(?:enabled=)?1(?:,|$)/.test(String(vm.config.agent))) throw new PveError('QEMU guest agent is not running');
  return vm;
}

export function guestNetwork(model: PveModel): string {
  return model.ctx.store.getMeta<string>('pve.guestNetwork') ?? DEFAULT_GUEST_NETWORK;
}

/** The IPv4 address and prefix the guest reports on its first interface. */
export function guestAddress(model: PveModel, vm: Vm): { address: string; prefix: number } {
  const fixed = /(?:^|,)ip=(\d+\.\d+\.\d+\.\d+)\/(\d+)/.exec(String(vm.config.ipconfig0 ?? ''));
  if (fixed) return { address: fixed[1]!, prefix: Number(fixed[2]) };
  const [base = '10.10.0.0', bits = '16'] = guestNetwork(model).split('/');
  const prefix = Number(bits);
  const hosts = 2 ** (32 - prefix) - 2;
  const start = base.split('.').reduce((n, octet) => n * 256 + Number(octet), 0);
  const ip = start + 1 + (vm.vmid % hosts);
  return { address: [24, 16, 8, 0].map((shift) => (ip >>> shift) & 255).join('.'), prefix };
}

export function guestInterfaces(model: PveModel, vm: Vm) {
  const lo = {
    name: 'lo',
    'hardware-address': '00:00:00:00:00:00',
    'ip-addresses': [
      { 'ip-address-type': 'ipv4', 'ip-address': '127.0.0.1', prefix: 8 },
      { 'ip-address-type': 'ipv6', 'ip-address': '::1', prefix: 128 },
    ],
    statistics: { 'rx-bytes': 0, 'rx-packets': 0, 'rx-errs': 0, 'rx-dropped': 0, 'tx-bytes': 0, 'tx-packets': 0, 'tx-errs': 0, 'tx-dropped': 0 },
  };
  const nics = netKeys(vm.config)
    .sort((a, b) => a.localeCompare(b, 'en', { numeric: true }))
    .map((key, i) => {
      const mac = (parseNet(String(vm.config[key]))?.macaddr ?? '00:00:00:00:00:00').toLowerCase();
      const addresses: Array<{ 'ip-address-type': string; 'ip-address': string; prefix: number }> = [];
      if (i === 0) {
        const { address, prefix } = guestAddress(model, vm);
        addresses.push({ 'ip-address-type': 'ipv4', 'ip-address': address, prefix });
      }
      addresses.push({ 'ip-address-type': 'ipv6', 'ip-address': linkLocal(mac), prefix: 64 });
      return { name: `eth${i}`, 'hardware-address': mac, 'ip-addresses': addresses, statistics: { 'rx-bytes': 1048576, 'rx-packets': 1024, 'rx-errs': 0, 'rx-dropped': 0, 'tx-bytes': 524288, 'tx-packets': 512, 'tx-errs': 0, 'tx-dropped': 0 } };
    });
  return [lo, ...nics];
}

/** The EUI-64 link-local address of a MAC. */
function linkLocal(mac: string): string {
  const b = mac.split(':').map((x) => parseInt(x, 16));
  const eui = [(b[0]! ^ 2), b[1]!, b[2]!, 0xff, 0xfe, b[3]!, b[4]!, b[5]!];
  const groups = [0, 2, 4, 6].map((i) => ((eui[i]! << 8) | eui[i + 1]!).toString(16));
  return `fe80::${groups.join(':')}`;
}
