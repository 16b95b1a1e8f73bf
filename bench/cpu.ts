// Who was busy during a measured window: the server process and the load generator, each as a share of
// one core. A server near 100% is the bottleneck; a load generator near 100% means the figure is a floor.
import type { ServerProcess } from './server-process.js';

export interface CpuShares {
  server: number;
  client: number;
  /** server CPU time used in the window, seconds */
  serverSeconds: number;
}

export async function withCpuShares<T>(server: ServerProcess, run: () => Promise<T>): Promise<{ result: T; cpu: CpuShares }> {
  const serverBefore = (await server.usage()).cpuMicros;
  const clientBefore = process.cpuUsage();
  const started = performance.now();
  const result = await run();
  const wallMicros = (performance.now() - started) * 1000;
  const clientUsed = process.cpuUsage(clientBefore);
  const serverUsed = (await server.usage()).cpuMicros - serverBefore;
  return {
    result,
    cpu: { server: serverUsed / wallMicros, client: (clientUsed.user + clientUsed.system) / wallMicros, serverSeconds: serverUsed / 1e6 },
  };
}

export function describeCpu(cpu: CpuShares): string {
  return `CPU: server ${(cpu.server * 100).toFixed(0)}%, load generator ${(cpu.client * 100).toFixed(0)}% of a core`;
}

/**
 * Work done per second of server CPU: what one uncontended core could serve. Unlike wall-clock throughput it
 * hardly moves when other processes share the machine, so it is the steadier figure to compare.
 */
export function perServerCpuSecond(completed: number, cpu: CpuShares): number {
  return cpu.serverSeconds > 0 ? completed / cpu.serverSeconds : 0;
}
