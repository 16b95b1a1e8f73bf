// (a) The baseline: a bare Hono route on @hono/node-server over HTTPS, measured the same way as the simulator.
import { join } from 'node:path';
import { httpsPool } from './load.js';
import { startServerProcess } from './server-process.js';
import { getThroughput } from './throughput.js';
import type { BenchModule, Figure } from './types.js';

export const HELLO_ID = 'hello';
export const HELLO_CPU_ID = 'hello.cpu';

export const helloBaseline: BenchModule = {
  name: 'baseline: bare Hono hello',
  async run(context) {
    const server = await startServerProcess('hello', join(context.workDir, 'hello'), context);
    const pool = httpsPool(server.origin, context.settings.concurrency);
    try {
      const result = await getThroughput(server, pool, '/', {}, context.settings);
      const { rss } = await server.usage();
      const figures: Figure[] = [
        {
          id: HELLO_ID, label: 'bare Hono "hello" (baseline)', value: result.perSecond, unit: 'req/s',
          detail: result.detail,
        },
        { id: HELLO_CPU_ID, label: '  per second of server CPU', value: result.perCpuSecond, unit: 'req/s' },
        { id: 'hello.rss', label: '  server RSS after it', value: rss / 2 ** 20, unit: 'MiB' },
      ];
      return figures;
    } finally {
      await pool.close();
      await server.stop();
    }
  },
};
