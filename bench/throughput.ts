// Requests per second of one GET, N connections each with one request in flight.
import type { Pool } from 'undici';
import { warmThenMeasure, type WindowResult } from './load.js';
import { BenchFailure, type BenchSettings } from './types.js';

export async function getThroughput(pool: Pool, path: string, headers: Record<string, string>, settings: BenchSettings): Promise<WindowResult> {
  return warmThenMeasure(settings.warmupSeconds, settings.seconds, settings.concurrency, async () => {
    const response = await pool.request({ method: 'GET', path, headers });
    await response.body.dump();
    if (response.statusCode !== 200) throw new BenchFailure(`GET ${path}: HTTP ${response.statusCode}`);
  });
}
