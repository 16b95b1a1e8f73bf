// (a) and (b): a bare Hono "hello" route on @hono/node-server over HTTPS (the baseline) and the
// authenticated GET .../qemu/100/status/current (ticket cookie), each in its own server process, measured
// in alternating rounds so both see the same machine, by autocannon in a third process (a load generator
// inside the bench's own process was itself the bottleneck on two cores, which flattered the ratio).
import { join } from 'node:path';
import { httpsPool } from './load.js';
import { API_BASE, login } from './pve-client.js';
import { startServerProcess, type ServerProcess } from './server-process.js';
import { alternatingRounds } from './autocannon.js';
import type { BenchModule, Figure } from './types.js';

export const HELLO_ID = 'hello';
const STATUS_PATH = `${API_BASE}/nodes/pve1/qemu/100/status/current`;
const TARGET_RATIO = 0.5;

const mib = (bytes: number): number => bytes / 2 ** 20;

export const readThroughput: BenchModule = {
  name: 'baseline hello and status read (interleaved)',
  async run(context) {
    const { settings } = context;
    const servers: ServerProcess[] = [];
    const pools: ReturnType<typeof httpsPool>[] = [];
    try {
      const hello = await startServerProcess('hello', join(context.workDir, 'hello'), context);
      servers.push(hello);
      const pve = await startServerProcess('pve', join(context.workDir, 'status-read'), context);
      servers.push(pve);
      const helloPool = httpsPool(hello.origin, settings.concurrency);
      const pvePool = httpsPool(pve.origin, settings.concurrency);
      pools.push(helloPool, pvePool);
      const session = await login(pvePool);
      const status = await session.get<{ status: string }>('/nodes/pve1/qemu/100/status/current');
      if (status.status !== 'running') throw new Error(`VM 100 is ${status.status}, expected running`);

      const [base, read] = await alternatingRounds([
        { server: hello, url: `${hello.origin}/`, headers: {} },
        { server: pve, url: `${pve.origin}${STATUS_PATH}`, headers: session.readHeaders },
      ], settings);
      const [helloUsage, pveUsage] = [await hello.usage(), await pve.usage()];
      const ratio = read!.perSecond / base!.perSecond;
      return [
        { id: HELLO_ID, label: 'bare Hono "hello" (baseline)', value: base!.perSecond, unit: 'req/s', detail: base!.detail },
        { id: 'hello.cpu', label: '  per second of server CPU', value: base!.perCpuSecond, unit: 'req/s' },
        { id: 'hello.rss', label: '  server RSS', value: mib(helloUsage.rss), unit: 'MiB' },
        {
          id: 'status-read', label: 'GET .../qemu/100/status/current', value: read!.perSecond, unit: 'req/s',
          ratio: { of: HELLO_ID, value: ratio },
          target: { text: `>= ${TARGET_RATIO * 100}% of baseline`, pass: ratio >= TARGET_RATIO },
          detail: `ticket cookie; ${read!.detail}`,
        },
        {
          id: 'status-read.cpu', label: '  per second of server CPU', value: read!.perCpuSecond, unit: 'req/s',
          ratio: { of: 'hello.cpu', value: read!.perCpuSecond / base!.perCpuSecond },
        },
        { id: 'status-read.rss', label: '  server RSS', value: mib(pveUsage.rss), unit: 'MiB' },
      ] satisfies Figure[];
    } finally {
      await Promise.all(pools.map((pool) => pool.close()));
      await Promise.all(servers.map((server) => server.stop()));
    }
  },
};
