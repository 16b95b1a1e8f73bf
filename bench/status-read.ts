// (b) Authenticated status reads of a running VM (ticket cookie), against the baseline.
import { join } from 'node:path';
import { HELLO_CPU_ID, HELLO_ID } from './hello.js';
import { httpsPool } from './load.js';
import { API_BASE, login } from './pve-client.js';
import { startServerProcess } from './server-process.js';
import { getThroughput } from './throughput.js';
import type { BenchModule, Figure } from './types.js';

const STATUS_PATH = `${API_BASE}/nodes/pve1/qemu/100/status/current`;
const TARGET_RATIO = 0.5;

export const statusRead: BenchModule = {
  name: 'authenticated status read',
  async run(context) {
    const server = await startServerProcess('pve', join(context.workDir, 'status-read'), context);
    const pool = httpsPool(server.origin, context.settings.concurrency);
    try {
      const session = await login(pool);
      const status = await session.get<{ status: string }>('/nodes/pve1/qemu/100/status/current');
      if (status.status !== 'running') throw new Error(`VM 100 is ${status.status}, expected running`);
      const result = await getThroughput(server, pool, STATUS_PATH, session.readHeaders, context.settings);
      const { rss } = await server.usage();
      const baseline = context.figures.get(HELLO_ID);
      const ratio = baseline === undefined ? undefined : result.perSecond / baseline.value;
      const figure: Figure = {
        id: 'status-read', label: 'GET .../qemu/100/status/current', value: result.perSecond, unit: 'req/s',
        detail: `ticket cookie; ${result.detail}`,
      };
      if (ratio !== undefined) {
        figure.ratio = { of: HELLO_ID, value: ratio };
        figure.target = { text: `>= ${TARGET_RATIO * 100}% of baseline`, pass: ratio >= TARGET_RATIO };
      }
      const perCpu: Figure = { id: 'status-read.cpu', label: '  per second of server CPU', value: result.perCpuSecond, unit: 'req/s' };
      const baselinePerCpu = context.figures.get(HELLO_CPU_ID);
      if (baselinePerCpu !== undefined) perCpu.ratio = { of: HELLO_CPU_ID, value: result.perCpuSecond / baselinePerCpu.value };
      return [figure, perCpu, { id: 'status-read.rss', label: '  server RSS after it', value: rss / 2 ** 20, unit: 'MiB' }];
    } finally {
      await pool.close();
      await server.stop();
    }
  },
};
