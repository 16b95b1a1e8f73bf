// Differences between the endpoint and the simulator (--diff) as findings: one per operation and kind of
// difference, with the first request that showed it as a curl reproducer.
import type { AuthSession } from '../auth.js';
import { operationOf, type Difference } from '../diff.js';
import type { Finding } from '../run-types.js';
import type { Operation } from '../types.js';
import { toCurl } from './curl.js';

export const DIFF_CHECK = 'differential';

export function diffFindings(differences: Difference[], operations: Operation[], baseUrl: string, session: AuthSession, insecure: boolean, seed: number): Finding[] {
  const byKey = new Map<string, Finding>();
  for (const difference of differences) {
    const { request } = difference;
    const operation = operationOf(request.url, baseUrl, operations, request.method);
    const operationId = operation?.id ?? `${request.method} ${new URL(request.url).pathname}`;
    const key = `${operationId}\u0000${difference.kind}`;
    const known = byKey.get(key);
    if (known) {
      known.occurrences += 1;
      continue;
    }
    const curl = toCurl(request, { insecure, secrets: session.secrets });
    byKey.set(key, {
      check: DIFF_CHECK,
      title: `Endpoint and simulator differ: ${difference.kind}`,
      severity: difference.kind === 'status' ? 'high' : 'medium',
      expected: `the simulator's answer: ${difference.simulator}`,
      actual: `the endpoint's answer: ${difference.endpoint}`,
      operationId,
      method: request.method,
      path: operation?.path ?? new URL(request.url).pathname,
      phase: difference.phase,
      occurrences: 1,
      request: { method: request.method, url: request.url, headers: {}, ...(request.body !== undefined ? { body: request.body } : {}) },
      curl,
      seed,
    });
  }
  return [...byKey.values()];
}
