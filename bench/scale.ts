// (d) Scale: the simulator with `--scenario generate:nodes=16,vms=10000` (the default scenario plus 10,000
// generated VMs on 16 nodes). Latency of the listings tools read (p50 of autocannon with one connection, in
// its own process), clone flows on top of that inventory, and the server's RSS.
import { join } from 'node:path';
import { runAutocannon } from './autocannon.js';
import { cloneFlow, newLedger, verifyOnNode } from './clone-flow.js';
import { describeCpu, perServerCpuSecond, withCpuShares } from './cpu.js';
import { httpsPool, runWindow } from './load.js';
import { API_BASE, login } from './pve-client.js';
import { startServerProcess } from './server-process.js';
import { BenchFailure, type BenchModule, type Figure } from './types.js';

const SCENARIO = 'generate:nodes=16,vms=10000';
const TARGET_P50_MS = 100;
const TARGET_FLOWS = 1000;
const TARGET_RSS_MIB = 300;
/** one client at a time: the latency of a read, not of a queue */
const READERS = 1;

export const scale: BenchModule = {
  name: 'scale: 10,000 VMs on 16 nodes',
  async run(context) {
    const { settings } = context;
    const started = performance.now();
    const server = await startServerProcess('pve', join(context.workDir, 'scale'), context, SCENARIO);
    const loadSeconds = (performance.now() - started) / 1000;
    const pool = httpsPool(server.origin, settings.concurrency);
    try {
      const session = await login(pool);
      const vms = await session.get<unknown[]>('/cluster/resources?type=vm');
      if (vms.length < 10_000) throw new BenchFailure(`the generated inventory has ${vms.length} VMs, expected 10,004`);
      const figures: Figure[] = [];
      for (const [id, path] of [['scale.resources', '/cluster/resources?type=vm'], ['scale.node-list', '/nodes/pve5/qemu']] as const) {
        const run = await runAutocannon({ server, url: `${server.origin}${API_BASE}${path}`, headers: session.readHeaders }, READERS, Math.max(2, Math.round(settings.seconds)));
        figures.push({
          id, label: `GET ${path} p50`, value: run.p50, unit: 'ms',
          target: { text: `< ${TARGET_P50_MS} ms`, pass: run.p50 < TARGET_P50_MS },
          detail: `${run.requests} requests in ${run.seconds.toFixed(1)} s by ${READERS} connections; p99 ${run.p99} ms; server CPU ${((run.serverSeconds / run.seconds) * 100).toFixed(0)}% of a core`,
        });
      }
      const ledger = newLedger();
      const step = (): Promise<void> => cloneFlow(session, ledger);
      if (settings.warmupSeconds > 0) await runWindow(settings.warmupSeconds, settings.concurrency, step);
      const { result, cpu } = await withCpuShares(server, () => runWindow(settings.seconds, settings.concurrency, step));
      await verifyOnNode(session, ledger);
      if (ledger.failures.length > 0) throw new BenchFailure(`${ledger.failures.length} clone flows lost or failed at scale, e.g. ${ledger.failures.slice(0, 3).join('; ')}`);
      const { rss } = await server.usage();
      const rssMiB = rss / 2 ** 20;
      figures.push(
        {
          id: 'scale.clone-flows', label: `clone flows at scale, ${settings.concurrency} clients`, value: result.perSecond, unit: 'flows/s',
          target: { text: `>= ${TARGET_FLOWS} flows/s`, pass: result.perSecond >= TARGET_FLOWS },
          detail: `${result.completed} flows in ${result.elapsedSeconds.toFixed(1)} s, all OK and listed; ${describeCpu(cpu)}`,
        },
        { id: 'scale.clone-flows.cpu', label: '  per second of server CPU', value: perServerCpuSecond(result.completed, cpu), unit: 'flows/s' },
        {
          id: 'scale.rss', label: '  server RSS after it', value: rssMiB, unit: 'MiB',
          target: { text: `< ${TARGET_RSS_MIB} MiB`, pass: rssMiB < TARGET_RSS_MIB },
          detail: `scenario ${SCENARIO}; the server started and loaded it in ${loadSeconds.toFixed(1)} s`,
        },
      );
      return figures;
    } finally {
      await pool.close();
      await server.stop();
    }
  },
};
