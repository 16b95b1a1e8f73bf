// (c) Clone flows with instant tasks: each of N clients loops nextid -> linked clone of template 9000
// (full=0) -> poll the task until it stops. Afterwards every flow is checked: task OK, distinct vmids, and
// every new VM listed on the node without a lock.
import { join } from 'node:path';
import { describeCpu, perServerCpuSecond, withCpuShares } from './cpu.js';
import { httpsPool, runWindow } from './load.js';
import { login, type PveSession } from './pve-client.js';
import { startServerProcess } from './server-process.js';
import { BenchFailure, type BenchModule, type Figure } from './types.js';

const TEMPLATE = 9000;
const NODE = 'pve1';
const TARGET_FLOWS_PER_SECOND = 1000;
const MAX_POLLS = 1000;

export function newLedger(): FlowLedger {
  return { vmids: new Set(), flows: 0, polls: 0, failures: [], callMs: { nextid: 0, clone: 0, poll: 0 } };
}

interface TaskStatus {
  status: 'running' | 'stopped';
  exitstatus?: string;
}

export interface FlowLedger {
  vmids: Set<number>;
  flows: number;
  polls: number;
  failures: string[];
  /** summed round-trip times of each call, milliseconds */
  callMs: { nextid: number; clone: number; poll: number };
}

export async function cloneFlow(session: PveSession, ledger: FlowLedger): Promise<void> {
  let started = performance.now();
  const newid = Number(await session.get<string>('/cluster/nextid'));
  ledger.callMs.nextid += performance.now() - started;
  if (ledger.vmids.has(newid)) ledger.failures.push(`nextid handed out ${newid} twice`);
  ledger.vmids.add(newid);
  started = performance.now();
  const upid = await session.post<string>(`/nodes/${NODE}/qemu/${TEMPLATE}/clone`, { newid, full: 0 });
  ledger.callMs.clone += performance.now() - started;
  const statusPath = `/nodes/${NODE}/tasks/${encodeURIComponent(upid)}/status`;
  for (let poll = 1; poll <= MAX_POLLS; poll++) {
    started = performance.now();
    const status = await session.get<TaskStatus>(statusPath);
    ledger.callMs.poll += performance.now() - started;
    if (status.status === 'stopped') {
      ledger.polls += poll;
      ledger.flows += 1;
      if (status.exitstatus !== 'OK') ledger.failures.push(`clone to ${newid}: exitstatus ${status.exitstatus}`);
      return;
    }
  }
  throw new BenchFailure(`clone to ${newid}: task ${upid} still running after ${MAX_POLLS} polls`);
}

const SOLO_FLOWS = 100;

/** Mean round trip per call, from flows run one at a time: where a flow's time goes without queueing. */
function describeCalls(ledger: FlowLedger): string {
  const ms = (total: number, count: number): string => `${(total / Math.max(1, count)).toFixed(2)} ms`;
  return `one client alone, mean round trip: nextid ${ms(ledger.callMs.nextid, ledger.flows)}, `
    + `clone ${ms(ledger.callMs.clone, ledger.flows)}, task status ${ms(ledger.callMs.poll, ledger.polls)}`;
}

/** Every vmid a flow got must be a VM on the node, unlocked (its clone task ended and released it). */
export async function verifyOnNode(session: PveSession, ledger: FlowLedger): Promise<number> {
  const vms = await session.get<Array<{ vmid: number; lock?: string }>>(`/nodes/${NODE}/qemu`);
  const listed = new Map(vms.map((vm) => [Number(vm.vmid), vm]));
  for (const vmid of ledger.vmids) {
    const vm = listed.get(vmid);
    if (vm === undefined) ledger.failures.push(`VM ${vmid} was cloned but is not listed on ${NODE}`);
    else if (vm.lock !== undefined) ledger.failures.push(`VM ${vmid} is still locked (${vm.lock})`);
  }
  return vms.length;
}

export const cloneFlows: BenchModule = {
  name: 'clone flows',
  async run(context) {
    const { settings } = context;
    const server = await startServerProcess('pve', join(context.workDir, 'clone-flows'), context);
    const pool = httpsPool(server.origin, settings.concurrency);
    try {
      const session = await login(pool);
      const ledger = newLedger();
      const step = (): Promise<void> => cloneFlow(session, ledger);
      if (settings.warmupSeconds > 0) await runWindow(settings.warmupSeconds, settings.concurrency, step);
      const { result, cpu } = await withCpuShares(server, () => runWindow(settings.seconds, settings.concurrency, step));
      const solo = newLedger();
      for (let flow = 0; flow < SOLO_FLOWS; flow++) await cloneFlow(session, solo);
      for (const vmid of solo.vmids) {
        if (ledger.vmids.has(vmid)) ledger.failures.push(`nextid handed out ${vmid} twice`);
        ledger.vmids.add(vmid);
      }
      ledger.failures.push(...solo.failures);
      const vmCount = await verifyOnNode(session, ledger);
      const { rss } = await server.usage();
      if (ledger.failures.length > 0) {
        throw new BenchFailure(`${ledger.failures.length} clone flows lost or failed, e.g. ${ledger.failures.slice(0, 3).join('; ')}`);
      }
      const figure: Figure = {
        id: 'clone-flows', label: `clone flows, ${settings.concurrency} clients (linked)`, value: result.perSecond, unit: 'flows/s',
        target: { text: `>= ${TARGET_FLOWS_PER_SECOND} flows/s`, pass: result.perSecond >= TARGET_FLOWS_PER_SECOND },
        detail: `${result.completed} flows in ${result.elapsedSeconds.toFixed(1)} s; all ${ledger.flows + solo.flows} (with warm-up and ${SOLO_FLOWS} solo flows) `
          + `OK, distinct vmids, listed and unlocked; ${(ledger.polls / Math.max(1, ledger.flows)).toFixed(2)} polls/flow; ${describeCpu(cpu)}; ${describeCalls(solo)}`,
      };
      const perCpu: Figure = { id: 'clone-flows.cpu', label: '  per second of server CPU', value: perServerCpuSecond(result.completed, cpu), unit: 'flows/s' };
      return [figure, perCpu, { id: 'clone-flows.rss', label: `  server RSS after it (${vmCount} VMs on ${NODE})`, value: rss / 2 ** 20, unit: 'MiB' }];
    } finally {
      await pool.close();
      await server.stop();
    }
  },
};
