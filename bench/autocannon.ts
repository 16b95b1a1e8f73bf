// Runs bench/autocannon-child.ts (autocannon, keep-alive, one request in flight per connection) in its
// own process, so the load generator never competes with the bench's own event loop, and measures the
// server's CPU time over the same window.
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { LoadReport } from './autocannon-child.js';
import type { ServerProcess } from './server-process.js';
import { BenchFailure } from './types.js';

const CHILD = fileURLToPath(new URL('./autocannon-child.ts', import.meta.url));

export interface LoadTarget {
  server: ServerProcess;
  url: string;
  headers: Record<string, string>;
}

export interface LoadResult extends Omit<LoadReport, 'type'> {
  /** server CPU time over the run, seconds */
  serverSeconds: number;
}

export async function runAutocannon(target: LoadTarget, connections: number, seconds: number): Promise<LoadResult> {
  const before = (await target.server.usage()).cpuMicros;
  const child = fork(CHILD, [target.url, String(connections), String(seconds), JSON.stringify(target.headers)], {
    execArgv: ['--import', 'tsx'],
    env: { ...process.env, NODE_TLS_REJECT_UNAUTHORIZED: '0', NODE_NO_WARNINGS: '1' },
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  const report = await new Promise<LoadReport>((resolve, reject) => {
    let got: LoadReport | undefined;
    child.on('message', (message: LoadReport) => {
      if (message.type === 'report') got = message;
    });
    child.on('error', reject);
    child.on('exit', (code) => (got ? resolve(got) : reject(new BenchFailure(`autocannon exited (code ${code}) without a report`))));
  });
  const serverSeconds = ((await target.server.usage()).cpuMicros - before) / 1e6;
  if (report.non2xx > 0 || report.errors > 0) throw new BenchFailure(`${target.url}: ${report.non2xx} non-2xx answers and ${report.errors} errors under load`);
  const { type: _type, ...rest } = report;
  return { ...rest, serverSeconds };
}

export interface AlternatingResult {
  requests: number;
  seconds: number;
  perSecond: number;
  perCpuSecond: number;
  serverShare: number;
  clientShare: number;
  detail: string;
}

/** Alternating rounds (A B A B ...), so every target sees the same machine; totals per target. */
export async function alternatingRounds(targets: LoadTarget[], settings: { seconds: number; warmupSeconds: number; concurrency: number }, rounds = 5): Promise<AlternatingResult[]> {
  for (const target of targets) if (settings.warmupSeconds > 0) await runAutocannon(target, settings.concurrency, Math.max(1, Math.round(settings.warmupSeconds)));
  const perRound = Math.max(1, Math.round(settings.seconds / rounds));
  const totals = targets.map(() => ({ requests: 0, seconds: 0, serverSeconds: 0, clientMicros: 0 }));
  for (let round = 0; round < rounds; round++) {
    for (const [i, target] of targets.entries()) {
      const r = await runAutocannon(target, settings.concurrency, perRound);
      const t = totals[i]!;
      t.requests += r.requests;
      t.seconds += r.seconds;
      t.serverSeconds += r.serverSeconds;
      t.clientMicros += r.cpuMicros;
    }
  }
  return totals.map((t) => {
    const serverShare = t.serverSeconds / t.seconds;
    const clientShare = t.clientMicros / 1e6 / t.seconds;
    return {
      requests: t.requests,
      seconds: t.seconds,
      perSecond: t.requests / t.seconds,
      perCpuSecond: t.serverSeconds > 0 ? t.requests / t.serverSeconds : 0,
      serverShare,
      clientShare,
      detail: `${t.requests} requests in ${t.seconds.toFixed(1)} s (${rounds} rounds, autocannon in its own process, ${settings.concurrency} connections); CPU: server ${(serverShare * 100).toFixed(0)}%, load generator ${(clientShare * 100).toFixed(0)}% of a core`,
    };
  });
}
