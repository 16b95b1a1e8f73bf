// Requests per second of one GET: N connections each with one request in flight. Measured in rounds so
// that two targets can be interleaved (A B A B ...) and share whatever else the machine is doing.
import type { Pool } from 'undici';
import { describeCpu, perServerCpuSecond, withCpuShares, type CpuShares } from './cpu.js';
import { runWindow } from './load.js';
import type { ServerProcess } from './server-process.js';
import { BenchFailure } from './types.js';

export interface ReadTarget {
  server: ServerProcess;
  pool: Pool;
  path: string;
  headers: Record<string, string>;
}

export interface Throughput {
  completed: number;
  elapsedSeconds: number;
  perSecond: number;
  /** requests per second of server CPU time (see perServerCpuSecond) */
  perCpuSecond: number;
  /** sample size and CPU shares, for the figure's detail line */
  detail: string;
}

function stepOf(target: ReadTarget): () => Promise<void> {
  return async () => {
    const response = await target.pool.request({ method: 'GET', path: target.path, headers: target.headers });
    await response.body.dump();
    if (response.statusCode !== 200) throw new BenchFailure(`GET ${target.path}: HTTP ${response.statusCode}`);
  };
}

interface Tally {
  completed: number;
  elapsedSeconds: number;
  cpu: CpuShares;
}

function toThroughput(tally: Tally, rounds: number): Throughput {
  const { completed, elapsedSeconds, cpu } = tally;
  const shares = { server: cpu.serverSeconds / elapsedSeconds, client: cpu.client / elapsedSeconds, serverSeconds: cpu.serverSeconds };
  return {
    completed,
    elapsedSeconds,
    perSecond: completed / elapsedSeconds,
    perCpuSecond: perServerCpuSecond(completed, cpu),
    detail: `${completed} requests in ${elapsedSeconds.toFixed(1)} s (${rounds} rounds); ${describeCpu(shares)}`,
  };
}

/**
 * Warms every target up, then measures `rounds` windows of `seconds / rounds` per target, taking turns.
 * Returns one Throughput per target, in the order given.
 */
export async function interleavedThroughput(targets: ReadTarget[], settings: { seconds: number; warmupSeconds: number; concurrency: number }, rounds = 5): Promise<Throughput[]> {
  for (const target of targets) {
    if (settings.warmupSeconds > 0) await runWindow(settings.warmupSeconds, settings.concurrency, stepOf(target));
  }
  const tallies: Tally[] = targets.map(() => ({ completed: 0, elapsedSeconds: 0, cpu: { server: 0, client: 0, serverSeconds: 0 } }));
  for (let round = 0; round < rounds; round++) {
    for (const [index, target] of targets.entries()) {
      const { result, cpu } = await withCpuShares(target.server, () => runWindow(settings.seconds / rounds, settings.concurrency, stepOf(target)));
      const tally = tallies[index]!;
      tally.completed += result.completed;
      tally.elapsedSeconds += result.elapsedSeconds;
      tally.cpu.serverSeconds += cpu.serverSeconds;
      // client share is weighted by window length, so the sum divided by total time is the mean share
      tally.cpu.client += cpu.client * result.elapsedSeconds;
    }
  }
  return tallies.map((tally) => toThroughput(tally, rounds));
}
