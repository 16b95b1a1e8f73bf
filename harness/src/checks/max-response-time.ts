import type { Check, CheckContext, Exchange } from '../types.js';
import { failure } from './failure.js';

const CHECK = 'max_response_time';

/** Opt-in: a response slower than options.maxResponseTimeMs fails. */
function maxResponseTime(ctx: CheckContext, { case: sent, response }: Exchange): void {
  const limit = ctx.options.maxResponseTimeMs;
  if (limit === undefined || response.elapsedMs <= limit) return;
  throw failure({
    check: CHECK,
    title: 'Response time exceeded the limit',
    severity: 'low',
    expected: `at most ${limit} ms`,
    actual: `${Math.round(response.elapsedMs)} ms`,
    dedupKey: `${CHECK}|${sent.operation.id}`,
  });
}

export const maxResponseTimeCheck: Check = maxResponseTime;
