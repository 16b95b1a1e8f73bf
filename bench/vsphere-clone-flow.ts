// vSphere clone flows with instant tasks: one session for the run, then each of N clients loops
// POST /api/vcenter/vm?action=clone&vmw-task=true -> GET /api/cis/tasks/{task} until it ends. Afterwards
// every flow is checked: task SUCCEEDED, a distinct new VM id as result, and every new VM listed.
import { join } from 'node:path';
import type { Dispatcher, Pool } from 'undici';
import { describeCpu, perServerCpuSecond, withCpuShares } from './cpu.js';
import { httpsPool, runWindow } from './load.js';
import { startServerProcess } from './server-process.js';
import { BenchFailure, type BenchModule, type Figure } from './types.js';

const SOURCE = 'vm-1003';
const TARGET_FLOWS_PER_SECOND = 1000;
const MAX_POLLS = 1000;

interface Ledger {
  vms: Set<string>;
  flows: number;
  polls: number;
  failures: string[];
}

interface VsphereSession {
  call<T>(method: string, path: string, body?: unknown): Promise<{ status: number; value: T }>;
}

async function parse<T>(method: string, path: string, response: Dispatcher.ResponseData): Promise<{ status: number; value: T }> {
  const text = await response.body.text();
  if (response.statusCode >= 300) throw new BenchFailure(`${method} ${path}: HTTP ${response.statusCode} ${text.slice(0, 200)}`);
  return { status: response.statusCode, value: (text === '' ? undefined : JSON.parse(text)) as T };
}

async function login(pool: Pool): Promise<VsphereSession> {
  const authorization = `Basic ${Buffer.from('administrator@vsphere.local:hypersim').toString('base64')}`;
  const { value: id } = await parse<string>('POST', '/api/session', await pool.request({ method: 'POST', path: '/api/session', headers: { authorization } }));
  const headers = { 'vmware-api-session-id': id, 'content-type': 'application/json' };
  return {
    async call<T>(method: string, path: string, body?: unknown) {
      const full = `/api${path}`;
      return parse<T>(method, full, await pool.request({ method: method as Dispatcher.HttpMethod, path: full, headers, ...(body === undefined ? {} : { body: JSON.stringify(body) }) }));
    },
  };
}

let flowNumber = 0;

async function cloneFlow(session: VsphereSession, ledger: Ledger): Promise<void> {
  flowNumber += 1;
  const name = `bench-${flowNumber}`;
  // no disks copied: the flow measures the API and the task engine, not the datastore running full
  const { value: task } = await session.call<string>('POST', '/vcenter/vm?action=clone&vmw-task=true', { name, source: SOURCE, disks_to_remove: ['2000'] });
  const path = `/cis/tasks/${encodeURIComponent(task)}`;
  for (let poll = 1; poll <= MAX_POLLS; poll++) {
    const { value: info } = await session.call<{ status: string; result?: string; error?: unknown }>('GET', path);
    if (info.status === 'PENDING' || info.status === 'RUNNING') continue;
    ledger.polls += poll;
    ledger.flows += 1;
    if (info.status !== 'SUCCEEDED' || typeof info.result !== 'string') ledger.failures.push(`clone ${name}: ${info.status} ${JSON.stringify(info.error)}`);
    else if (ledger.vms.has(info.result)) ledger.failures.push(`VM id ${info.result} handed out twice`);
    else ledger.vms.add(info.result);
    return;
  }
  throw new BenchFailure(`clone ${name}: task ${task} still running after ${MAX_POLLS} polls`);
}

export const vsphereCloneFlows: BenchModule = {
  name: 'vsphere clone flows',
  async run(context) {
    const { settings } = context;
    const server = await startServerProcess('vsphere', join(context.workDir, 'vsphere-clone-flows'), context);
    const pool = httpsPool(server.origin, settings.concurrency);
    try {
      const session = await login(pool);
      const ledger: Ledger = { vms: new Set(), flows: 0, polls: 0, failures: [] };
      const step = (): Promise<void> => cloneFlow(session, ledger);
      if (settings.warmupSeconds > 0) await runWindow(settings.warmupSeconds, settings.concurrency, step);
      const { result, cpu } = await withCpuShares(server, () => runWindow(settings.seconds, settings.concurrency, step));
      // every clone must be listed; asked for in batches, as a URL of thousands of ids is too long to send
      const cloned = [...ledger.vms];
      for (let start = 0; start < cloned.length; start += 200) {
        const batch = cloned.slice(start, start + 200);
        const { value: listed } = await session.call<Array<{ vm: string }>>('GET', `/vcenter/vm?${batch.map((vm) => `vms=${vm}`).join('&')}`);
        const seen = new Set(listed.map((vm) => vm.vm));
        for (const vm of batch) if (!seen.has(vm)) ledger.failures.push(`${vm} was cloned but is not listed`);
      }
      const { rss } = await server.usage();
      if (ledger.failures.length > 0) throw new BenchFailure(`${ledger.failures.length} vSphere clone flows lost or failed, e.g. ${ledger.failures.slice(0, 3).join('; ')}`);
      const figure: Figure = {
        id: 'vsphere-clone-flows', label: `vSphere clone flows, ${settings.concurrency} clients (tasks)`, value: result.perSecond, unit: 'flows/s',
        target: { text: `>= ${TARGET_FLOWS_PER_SECOND} flows/s`, pass: result.perSecond >= TARGET_FLOWS_PER_SECOND },
        detail: `${result.completed} flows in ${result.elapsedSeconds.toFixed(1)} s; all ${ledger.flows} (with warm-up) SUCCEEDED with distinct VM ids, `
          + `listed; ${(ledger.polls / Math.max(1, ledger.flows)).toFixed(2)} polls/flow; ${describeCpu(cpu)}`,
      };
      const perCpu: Figure = { id: 'vsphere-clone-flows.cpu', label: '  per second of server CPU', value: perServerCpuSecond(result.completed, cpu), unit: 'flows/s' };
      return [figure, perCpu, { id: 'vsphere-clone-flows.rss', label: `  server RSS after it (${ledger.vms.size} new VMs)`, value: rss / 2 ** 20, unit: 'MiB' }];
    } finally {
      await pool.close();
      await server.stop();
    }
  },
};
