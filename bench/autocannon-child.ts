// The load generator in its own process: autocannon against one URL for a fixed time, then its totals,
// latency percentiles and its own CPU time back to the parent over IPC (bench/autocannon.ts).
// argv: <url> <connections> <seconds> <headers as JSON>
import autocannon from 'autocannon';

export interface LoadReport {
  type: 'report';
  requests: number;
  non2xx: number;
  errors: number;
  seconds: number;
  p50: number;
  p99: number;
  cpuMicros: number;
}

const [url, connections, seconds, headers] = process.argv.slice(2);
if (url === undefined || connections === undefined || seconds === undefined) throw new Error('usage: autocannon-child.ts URL CONNECTIONS SECONDS [HEADERS_JSON]');

const cpuBefore = process.cpuUsage();
const result = await autocannon({
  url,
  connections: Number(connections),
  pipelining: 1,
  duration: Number(seconds),
  headers: headers === undefined ? {} : (JSON.parse(headers) as Record<string, string>),
});
const cpu = process.cpuUsage(cpuBefore);
const report: LoadReport = {
  type: 'report',
  requests: result.requests.total,
  non2xx: result.non2xx,
  errors: result.errors + result.timeouts,
  seconds: result.duration,
  p50: result.latency.p50,
  p99: result.latency.p99,
  cpuMicros: cpu.user + cpu.system,
};
process.send?.(report);
process.disconnect?.();
