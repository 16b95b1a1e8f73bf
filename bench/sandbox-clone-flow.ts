// (e) Sandbox clone flows with instant provisioning: each of N clients loops clone (wait=false, generated
// snapshot) of the scenario's VM -> poll GET /v1/vms/{id} until it runs. Afterwards every flow is checked:
// distinct VM ids, every clone listed and running, every generated snapshot gone.
import { join } from 'node:path';
import type { Dispatcher, Pool } from 'undici';
import { describeCpu, perServerCpuSecond, withCpuShares } from './cpu.js';
import { httpsPool, runWindow } from './load.js';
import { startServerProcess } from './server-process.js';
import { BenchFailure, type BenchModule, type Figure } from './types.js';

const SOURCE_VM = 'vm-0a1b2c3d4e5f';
const HEADERS = { 'x-api-key': 'hs-test-key' };
const TARGET_FLOWS_PER_SECOND = 2000;
const MAX_POLLS = 1000;

interface SandboxLedger {
  vmIds: Set<string>;
  snapshotIds: Set<string>;
  flows: number;
  polls: number;
  failures: string[];
}

async function jsonOf(method: string, path: string, response: Dispatcher.ResponseData): Promise<any> {
  const text = await response.body.text();
  if (response.statusCode !== 200) throw new BenchFailure(`${method} ${path}: HTTP ${response.statusCode} ${text.slice(0, 200)}`);
  return JSON.parse(text);
}

async function call(pool: Pool, method: 'GET' | 'POST', path: string, body?: unknown): Promise<any> {
  const response = await pool.request({
    method, path, headers: body === undefined ? HEADERS : { ...HEADERS, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return jsonOf(method, path, response);
}

async function cloneFlow(pool: Pool, ledger: SandboxLedger): Promise<void> {
  const clone = await call(pool, 'POST', `/v1/vms/${SOURCE_VM}/clone?wait=false`, {});
  if (typeof clone.vm_id !== 'string') throw new BenchFailure(`clone answered no vm_id: ${JSON.stringify(clone)}`);
  if (ledger.vmIds.has(clone.vm_id)) ledger.failures.push(`VM id ${clone.vm_id} handed out twice`);
  ledger.vmIds.add(clone.vm_id);
  ledger.snapshotIds.add(clone.snapshot_id);
  for (let poll = 1; poll <= MAX_POLLS; poll++) {
    const vm = await call(pool, 'GET', `/v1/vms/${clone.vm_id}`);
    if (vm.status !== 'provisioning') {
      ledger.polls += poll;
      ledger.flows += 1;
      if (vm.status !== 'running') ledger.failures.push(`clone ${clone.vm_id} ended ${vm.status}`);
      return;
    }
  }
  throw new BenchFailure(`clone ${clone.vm_id} still provisioning after ${MAX_POLLS} polls`);
}

/** Every clone a flow made is listed and running; no generated snapshot is left. */
async function verify(pool: Pool, ledger: SandboxLedger): Promise<number> {
  const vms = (await call(pool, 'GET', '/v1/vms')) as Array<{ vm_id: string; status: string }>;
  const listed = new Map(vms.map((vm) => [vm.vm_id, vm.status]));
  for (const vmId of ledger.vmIds) {
    const status = listed.get(vmId);
    if (status !== 'running') ledger.failures.push(`clone ${vmId} is ${status ?? 'not listed'}`);
  }
  const snapshots = (await call(pool, 'GET', '/v1/snapshots')) as Array<{ snapshot_id: string }>;
  for (const snapshot of snapshots) if (ledger.snapshotIds.has(snapshot.snapshot_id)) ledger.failures.push(`generated snapshot ${snapshot.snapshot_id} was not deleted`);
  return vms.length;
}

export const sandboxCloneFlows: BenchModule = {
  name: 'sandbox clone flows',
  async run(context) {
    const { settings } = context;
    const server = await startServerProcess('sandbox', join(context.workDir, 'sandbox-clone-flows'), context);
    const pool = httpsPool(server.origin, settings.concurrency);
    try {
      const ledger: SandboxLedger = { vmIds: new Set(), snapshotIds: new Set(), flows: 0, polls: 0, failures: [] };
      const step = (): Promise<void> => cloneFlow(pool, ledger);
      if (settings.warmupSeconds > 0) await runWindow(settings.warmupSeconds, settings.concurrency, step);
      const { result, cpu } = await withCpuShares(server, () => runWindow(settings.seconds, settings.concurrency, step));
      const vmCount = await verify(pool, ledger);
      const { rss } = await server.usage();
      if (ledger.failures.length > 0) {
        throw new BenchFailure(`${ledger.failures.length} sandbox clone flows lost or failed, e.g. ${ledger.failures.slice(0, 3).join('; ')}`);
      }
      const figure: Figure = {
        id: 'sandbox-clone-flows', label: `sandbox clone flows, ${settings.concurrency} clients (wait=false)`, value: result.perSecond, unit: 'flows/s',
        target: { text: `>= ${TARGET_FLOWS_PER_SECOND} flows/s`, pass: result.perSecond >= TARGET_FLOWS_PER_SECOND },
        detail: `${result.completed} flows in ${result.elapsedSeconds.toFixed(1)} s; all ${ledger.flows} (with warm-up) running, distinct ids, listed, `
          + `generated snapshots deleted; ${(ledger.polls / Math.max(1, ledger.flows)).toFixed(2)} polls/flow; ${describeCpu(cpu)}`,
      };
      const perCpu: Figure = { id: 'sandbox-clone-flows.cpu', label: '  per second of server CPU', value: perServerCpuSecond(result.completed, cpu), unit: 'flows/s' };
      return [figure, perCpu, { id: 'sandbox-clone-flows.rss', label: `  server RSS after it (${vmCount} VMs)`, value: rss / 2 ** 20, unit: 'MiB' }];
    } finally {
      await pool.close();
      await server.stop();
    }
  },
};
