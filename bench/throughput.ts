// Requests per second of one GET, N connections each with one request in flight; warm-up not counted.
import type { Pool } from 'undici';
import { describeCpu, perServerCpuSecond, withCpuShares } from './cpu.js';
import { runWindow, type WindowResult } from './load.js';
import type { ServerProcess } from './server-process.js';
import { BenchFailure, type BenchSettings } from './types.js';

export interface Throughput extends WindowResult {
  /** requests per second of server CPU time (see perServerCpuSecond) */
  perCpuSecond: number;
  /** sample size and CPU shares, for the figure's detail line */
  detail: string;
}

export async function getThroughput(server: ServerProcess, pool: Pool, path: string, headers: Record<string, string>, settings: BenchSettings): Promise<Throughput> {
  const step = async (): Promise<void> => {
    const response = await pool.request({ method: 'GET', path, headers });
    await response.body.dump();
    if (response.statusCode !== 200) throw new BenchFailure(`GET ${path}: HTTP ${response.statusCode}`);
  };
  if (settings.warmupSeconds > 0) await runWindow(settings.warmupSeconds, settings.concurrency, step);
  const { result, cpu } = await withCpuShares(server, () => runWindow(settings.seconds, settings.concurrency, step));
  return {
    ...result,
    perCpuSecond: perServerCpuSecond(result.completed, cpu),
    detail: `${result.completed} requests in ${result.elapsedSeconds.toFixed(1)} s; ${describeCpu(cpu)}`,
  };
}
